namespace Connect.Sdk.Errors;

/// <summary>A connector or other named resource cannot be created because one with that name already exists.</summary>
public class AlreadyExistsException : ConnectException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public AlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public AlreadyExistsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
