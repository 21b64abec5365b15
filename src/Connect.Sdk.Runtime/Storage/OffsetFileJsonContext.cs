using System.Text.Json.Serialization;

namespace Connect.Sdk.Runtime.Storage;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class OffsetFileJsonContext : JsonSerializerContext;
