namespace Connect.Sdk.Errors;

/// <summary>A value cannot be projected from its source schema to the target schema, for example because the schemas are incompatible.</summary>
public class SchemaProjectorException : DataException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public SchemaProjectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SchemaProjectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
