namespace Connect.Sdk.Errors;

/// <summary>A transient failure: the runtime backs off and retries the same operation (a sink task's &lt;c&gt;PutAsync&lt;/c&gt; gets the same batch again; a source task is polled again).</summary>
public class RetriableException : ConnectException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public RetriableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RetriableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
