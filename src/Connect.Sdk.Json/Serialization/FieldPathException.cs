using Connect.Sdk.Errors;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// A conversion error inside a struct, array or map, carrying the path to the value (e.g. <c>order.lines[2].qty</c>)
/// while the error travels up; the converter rethrows it as a plain <see cref="DataException"/>.
/// </summary>
internal sealed class FieldPathException : DataException
{
    private FieldPathException(string detail, string path, Exception? innerException)
        : base($"{detail} (field \"{path}\")", innerException)
    {
        Detail = detail;
        Path = path;
    }

    /// <summary>What went wrong, without the path.</summary>
    public string Detail { get; }

    /// <summary>The path from the outermost value converted so far.</summary>
    public string Path { get; }

    /// <summary>Prefixes the path of an error with the struct field, array index or map key it happened under.</summary>
    /// <param name="segment">A field name, or an index or key in brackets such as <c>[2]</c>.</param>
    /// <param name="error">The error.</param>
    /// <returns>The error with the longer path.</returns>
    public static FieldPathException Under(string segment, DataException error)
    {
        if (error is FieldPathException inner)
        {
            var separator = inner.Path.StartsWith('[') ? string.Empty : ".";
            return new FieldPathException(inner.Detail, segment + separator + inner.Path, inner.InnerException);
        }

        return new FieldPathException(error.Message, segment, error);
    }

    /// <summary>The error as thrown to callers: a <see cref="DataException"/> whose message names the path.</summary>
    /// <returns>The exception to throw.</returns>
    public DataException ToPublic() => new(Message, InnerException);
}
