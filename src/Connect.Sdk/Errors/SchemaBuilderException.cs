namespace Connect.Sdk.Errors;

/// <summary>A &lt;see cref="Connect.Sdk.Data.SchemaBuilder"/&gt; was used in a way that cannot produce a valid schema, such as setting a property twice or adding fields to a non-struct schema.</summary>
public class SchemaBuilderException : DataException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public SchemaBuilderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SchemaBuilderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
