using System.Text.Json;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Worker;

/// <summary>Reads worker and connector configuration files (.properties or .json).</summary>
internal static class ConfigFiles
{
    public static IReadOnlyDictionary<string, string> ReadWorker(string path) => PropertiesFile.Load(path);

    public static IReadOnlyDictionary<string, string> ReadConnector(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConnectException($"The connector file {path} does not exist.");
        }

        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return PropertiesFile.Load(path);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectException($"{path}: a connector file must hold a JSON object, like {{\"name\": \"...\", \"config\": {{...}}}}.");
            }

            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
            {
                var settings = ReadSettings(config, path);
                if (root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    settings[ConnectorConfig.NameConfig] = name.GetString()!;
                }

                return settings;
            }

            return ReadSettings(root, path);
        }
        catch (JsonException e)
        {
            throw new ConnectException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static Dictionary<string, string> ReadSettings(JsonElement element, string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            settings[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new ConnectException($"{path}: setting \"{property.Name}\" must be a string, number or boolean, not {property.Value.ValueKind}."),
            };
        }

        return settings;
    }
}
