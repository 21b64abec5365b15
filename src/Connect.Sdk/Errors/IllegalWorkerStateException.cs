namespace Connect.Sdk.Errors;

/// <summary>An operation was asked of a worker, connector or task in a state that does not allow it.</summary>
public class IllegalWorkerStateException : ConnectException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public IllegalWorkerStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IllegalWorkerStateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
