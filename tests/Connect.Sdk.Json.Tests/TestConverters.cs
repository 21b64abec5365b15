using System.Text;

namespace Connect.Sdk.Json.Tests;

/// <summary>Builds configured converters and turns bytes into text for assertions.</summary>
internal static class TestConverters
{
    public const string Topic = "topic";

    public static JsonConverter Value(params (string Key, string Value)[] settings)
    {
        var converter = new JsonConverter();
        converter.Configure(settings.ToDictionary(s => s.Key, s => s.Value), isKey: false);
        return converter;
    }

    public static JsonConverter Schemaless(params (string Key, string Value)[] settings) =>
        Value([(JsonConverter.SchemasEnableConfig, "false"), .. settings]);

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
