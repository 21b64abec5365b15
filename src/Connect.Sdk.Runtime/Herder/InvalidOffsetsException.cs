using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>Offsets given to change a connector's offsets are malformed (the REST API answers 400, as Kafka's
/// <c>BadRequestException</c>).</summary>
public sealed class InvalidOffsetsException : ConnectException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidOffsetsException"/> class.</summary>
    /// <param name="message">What is wrong, in Kafka Connect's words.</param>
    public InvalidOffsetsException(string message)
        : base(message)
    {
    }
}
