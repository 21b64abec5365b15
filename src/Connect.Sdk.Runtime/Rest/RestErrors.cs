using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Herder;
using Microsoft.AspNetCore.Http;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>An error with the HTTP status the REST API answers it with (Kafka's ConnectRestException).</summary>
internal sealed class ConnectRestException : Exception
{
    public ConnectRestException(int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}

/// <summary>The one mapping from exceptions to HTTP statuses, as Kafka's ConnectExceptionMapper.</summary>
internal static class RestErrors
{
    /// <summary>Jersey's message for an unknown path, which Kafka Connect returns as <c>message</c>.</summary>
    public const string NotFoundMessage = "HTTP 404 Not Found";

    /// <summary>Jersey's message for a known path with another method.</summary>
    public const string MethodNotAllowedMessage = "HTTP 405 Method Not Allowed";

    public static int StatusOf(Exception exception) => exception switch
    {
        ConnectRestException rest => rest.StatusCode,
        NotFoundException => StatusCodes.Status404NotFound,
        AlreadyExistsException => StatusCodes.Status409Conflict,
        // Kafka's herder throws BadRequestException for both: an invalid configuration, and offsets changed while
        // the connector is not STOPPED.
        InvalidConnectorConfigException => StatusCodes.Status400BadRequest,
        IllegalWorkerStateException => StatusCodes.Status400BadRequest,
        InvalidOffsetsException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ConnectRestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ConnectRestException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ConnectRestException Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    public static ConnectRestException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes (rest.request.max.bytes).");
}
