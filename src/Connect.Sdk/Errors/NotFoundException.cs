namespace Connect.Sdk.Errors;

/// <summary>A connector, task, plugin or other named resource does not exist.</summary>
public class NotFoundException : ConnectException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public NotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
