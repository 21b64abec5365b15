namespace Connect.Sdk.Errors;

/// <summary>The base of every error raised by connectors, converters, transforms and the runtime. A task that throws it (and not a &lt;see cref="RetriableException"/&gt;) fails.</summary>
public class ConnectException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public ConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public ConnectException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
