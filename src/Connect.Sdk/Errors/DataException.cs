namespace Connect.Sdk.Errors;

/// <summary>Data that does not match what was expected: a value that does not fit its schema, bytes a converter cannot read, a field that does not exist.</summary>
public class DataException : ConnectException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public DataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public DataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
