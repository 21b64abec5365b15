using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>Reads request bodies: size-limited, parsed as JSON, with messages that say what is wrong.</summary>
internal static class RestBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the body as one JSON document.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            throw RestErrors.TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw RestErrors.TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RestErrors.TooLarge(maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (buffer.Length == 0)
        {
            throw RestErrors.BadRequest("The request body is empty; a JSON object was expected.");
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), ParseOptions);
        }
        catch (JsonException e)
        {
            throw RestErrors.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Requires an object.</summary>
    public static JsonElement Object(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RestErrors.BadRequest($"{what} must be a JSON object, but the request has {Describe(element)}.");
        }

        return element;
    }

    /// <summary>Reads an object of settings. Strings are taken as they are, numbers and booleans as their JSON text
    /// (as Jackson reads them into Kafka's Map&lt;String, String&gt;), <c>null</c> only when allowed.</summary>
    public static Dictionary<string, string?> StringMap(JsonElement element, string what, bool allowNull)
    {
        Object(element, what);
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null when allowNull => null,
                _ => throw RestErrors.BadRequest(
                    $"The value of \"{property.Name}\" in {what} must be a string{(allowNull ? ", null" : string.Empty)}, number or boolean, but it is {Describe(property.Value)}."),
            };
        }

        return map;
    }

    /// <summary>Reads an optional string property.</summary>
    public static string? OptionalString(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw RestErrors.BadRequest($"\"{name}\" in {what} must be a string, but it is {Describe(value)}.");
    }

    /// <summary>Reads a partition or offset map: primitive values only, as Kafka Connect stores them.</summary>
    public static Dictionary<string, object?> PrimitiveMap(JsonElement element, string what)
    {
        Object(element, what);
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            map[property.Name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number when value.TryGetInt64(out var integral) => integral,
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                _ => throw RestErrors.BadRequest(
                    $"{what} may only contain primitive types as values, but field {property.Name} contains {Describe(value)}."),
            };
        }

        return map;
    }

    /// <summary>A value's kind for messages: "an object", "an array", "the number 3", …</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {element.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
