namespace Connect.Sdk.Testing.Acceptance;

/// <summary>Thrown by an acceptance check that does not apply to the connector, for example because it does not
/// declare the capability the check needs. Test framework adapters report it as a skipped test.</summary>
public sealed class AcceptanceCheckSkippedException : Exception
{
    /// <summary>Creates an exception with a default reason.</summary>
    public AcceptanceCheckSkippedException()
        : this("The check does not apply to this connector.")
    {
    }

    /// <summary>Creates an exception with the reason the check was skipped.</summary>
    /// <param name="message">The reason.</param>
    public AcceptanceCheckSkippedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a reason and a cause.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public AcceptanceCheckSkippedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
