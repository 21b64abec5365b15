namespace Connect.Sdk.Avro.Codec;

/// <summary>Avro data that cannot be read or written: truncated or malformed bytes, or a value that does not match its schema.</summary>
internal class AvroException : Exception
{
    public AvroException(string message)
        : base(message)
    {
    }

    public AvroException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Schema text that is not a valid Avro schema.</summary>
internal sealed class AvroSchemaException : AvroException
{
    public AvroSchemaException(string message)
        : base(message)
    {
    }

    public AvroSchemaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A writer schema that cannot be resolved against a reader schema, per the specification's resolution rules.</summary>
internal sealed class AvroResolutionException : AvroException
{
    public AvroResolutionException(string message)
        : base(message)
    {
    }
}
