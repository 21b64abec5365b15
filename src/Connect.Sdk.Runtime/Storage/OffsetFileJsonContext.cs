using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Sdk.Runtime.Storage;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class OffsetFileJsonContext : JsonSerializerContext
{
    /// <summary>Indented, with quotes left readable (offset keys are JSON themselves).</summary>
    public static OffsetFileJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
