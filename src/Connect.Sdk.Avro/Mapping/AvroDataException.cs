using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro.Mapping;

/// <summary>A Connect value or schema that cannot be mapped to Avro (or back); the message names the field path.</summary>
internal sealed class AvroDataException : DataException
{
    public AvroDataException(string problem, string? fieldPath = null, Exception? innerException = null)
        : base(fieldPath is null ? problem : $"Field \"{fieldPath}\": {problem}", innerException)
    {
        Problem = problem;
        FieldPath = fieldPath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The dotted path of struct fields leading to the value, or <see langword="null"/> for the top level.</summary>
    public string? FieldPath { get; }

    /// <summary>The same problem one struct level further out.</summary>
    /// <param name="fieldName">The enclosing field.</param>
    /// <returns>A new exception with the longer path.</returns>
    public AvroDataException Within(string fieldName) =>
        new(Problem, FieldPath is null ? fieldName : fieldName + "." + FieldPath, InnerException);
}
