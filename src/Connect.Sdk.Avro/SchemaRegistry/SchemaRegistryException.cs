namespace Connect.Sdk.Avro.SchemaRegistry;

/// <summary>
/// A Schema Registry call that failed: the registry answered with an error (carrying its <c>error_code</c> and
/// <c>message</c>), or it could not be reached within the configured retries.
/// </summary>
public class SchemaRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SchemaRegistryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status code, or 0 when no response was received.</param>
    /// <param name="errorCode">The registry's <c>error_code</c>, when the response had one.</param>
    /// <param name="registryMessage">The registry's <c>message</c>, when the response had one.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public SchemaRegistryException(string message, int statusCode, int? errorCode, string? registryMessage, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RegistryMessage = registryMessage;
    }

    /// <summary>The HTTP status code, or 0 when the registry could not be reached (connection failure or timeout).</summary>
    public int StatusCode { get; }

    /// <summary>The registry's error code, e.g. 40401 (subject not found), 40403 (schema not found), 409 (incompatible), 42201 (invalid schema).</summary>
    public int? ErrorCode { get; }

    /// <summary>The registry's error message, as it sent it.</summary>
    public string? RegistryMessage { get; }

    /// <summary>Whether the failure is transient (no response, timeout, 408, 429 or a 5xx status), so a later attempt may succeed.</summary>
    public bool IsTransient => StatusCode is 0 or 408 or 429 or >= 500;
}
