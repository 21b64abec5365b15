using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Connect.Sdk.Runtime.Rest;

// The JSON shapes of Kafka Connect's REST entities (org.apache.kafka.connect.runtime.rest.entities), with the same
// snake_case property names and nesting. Property order follows what Kafka Connect writes.

internal sealed record ServerInfoDto(string Version, string Commit, string? KafkaClusterId);

internal sealed record WorkerStatusDto(string Status, string Message);

internal sealed record ErrorMessageDto(int ErrorCode, string? Message);

internal sealed record MessageDto(string Message);

internal sealed record ConnectorTaskIdDto(string Connector, int Task);

internal sealed record ConnectorInfoDto(string Name, IReadOnlyDictionary<string, string> Config, IReadOnlyList<ConnectorTaskIdDto> Tasks, string Type);

internal sealed record ConnectorStateDto(
    string State,
    string WorkerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);

internal sealed record TaskStateDto(
    int Id,
    string State,
    string WorkerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);

internal sealed record ConnectorStateInfoDto(string Name, ConnectorStateDto Connector, IReadOnlyList<TaskStateDto> Tasks, string Type);

internal sealed record TaskInfoDto(ConnectorTaskIdDto Id, IReadOnlyDictionary<string, string> Config);

internal sealed record ActiveTopicsDto(IReadOnlyList<string> Topics);

internal sealed record ConnectorExpansionDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConnectorStateInfoDto? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ConnectorInfoDto? Info);

internal sealed record PluginInfoDto(
    [property: JsonPropertyName("class")] string Class,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version);

internal sealed record ConfigKeyInfoDto(
    string Name,
    string Type,
    bool Required,
    string? DefaultValue,
    string Importance,
    string Documentation,
    string? Group,
    string Width,
    string DisplayName,
    IReadOnlyList<string> Dependents,
    [property: JsonPropertyName("order")] int Order);

internal sealed record ConfigValueInfoDto(string Name, string? Value, IReadOnlyList<string> RecommendedValues, IReadOnlyList<string> Errors, bool Visible);

internal sealed record ConfigInfoDto(ConfigKeyInfoDto Definition, ConfigValueInfoDto Value);

internal sealed record ConfigInfosDto(string Name, int ErrorCount, IReadOnlyList<string> Groups, IReadOnlyList<ConfigInfoDto> Configs);

internal sealed record ConnectorOffsetDto(JsonObject Partition, JsonObject? Offset);

internal sealed record ConnectorOffsetsDto(IReadOnlyList<ConnectorOffsetDto> Offsets);

internal sealed record LoggerLevelDto(string Level, long? LastModified);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ServerInfoDto))]
[JsonSerializable(typeof(WorkerStatusDto))]
[JsonSerializable(typeof(ErrorMessageDto))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(ConnectorInfoDto))]
[JsonSerializable(typeof(ConnectorStateInfoDto))]
[JsonSerializable(typeof(TaskStateDto))]
[JsonSerializable(typeof(IReadOnlyList<TaskInfoDto>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, ActiveTopicsDto>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, ConnectorExpansionDto>))]
[JsonSerializable(typeof(IReadOnlyList<PluginInfoDto>))]
[JsonSerializable(typeof(IReadOnlyList<ConfigKeyInfoDto>))]
[JsonSerializable(typeof(ConfigInfosDto))]
[JsonSerializable(typeof(ConnectorOffsetsDto))]
[JsonSerializable(typeof(LoggerLevelDto))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, LoggerLevelDto>))]
internal sealed partial class ConnectRestJsonContext : JsonSerializerContext
{
    /// <summary>The context the API writes with: Kafka-style output, no HTML-escaping of text such as <c>&lt;</c>
    /// or <c>'</c> (Jackson does not escape them either).</summary>
    public static ConnectRestJsonContext Api { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
