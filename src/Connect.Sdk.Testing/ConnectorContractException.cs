namespace Connect.Sdk.Testing;

/// <summary>
/// Thrown when a connector or task breaks the Connect contract in a check of the harness or the acceptance kit. The
/// message names the check and says what was expected and what happened.
/// </summary>
public sealed class ConnectorContractException : Exception
{
    /// <summary>Creates an exception with no details.</summary>
    public ConnectorContractException()
        : this("The connector broke the Connect contract.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorContractException(string message)
        : base(message)
    {
        Check = string.Empty;
        Expected = string.Empty;
        Actual = string.Empty;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorContractException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Check = string.Empty;
        Expected = string.Empty;
        Actual = string.Empty;
    }

    /// <summary>Creates an exception for a failed check.</summary>
    /// <param name="check">The check, e.g. <c>TaskConfigs_HonoursMaxTasks</c>.</param>
    /// <param name="expected">What the contract requires.</param>
    /// <param name="actual">What happened instead.</param>
    /// <param name="innerException">The exception that caused the failure, if any.</param>
    public ConnectorContractException(string check, string expected, string actual, Exception? innerException = null)
        : base($"{check}: expected {expected}, but {actual}", innerException)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Check = check;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The check that failed, or empty when not given.</summary>
    public string Check { get; }

    /// <summary>What the contract requires, or empty when not given.</summary>
    public string Expected { get; }

    /// <summary>What happened instead, or empty when not given.</summary>
    public string Actual { get; }
}
