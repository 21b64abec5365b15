using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>The <c>/connectors</c> endpoints.</summary>
internal sealed partial class ConnectApi
{


    private void MapConnectors(RouteGroupBuilder group)
    {
        Route(group, "/connectors", (HttpMethods.Get, ListConnectorsAsync), (HttpMethods.Post, CreateConnectorAsync));
        Route(group, "/connectors/{connector}", (HttpMethods.Get, GetConnectorAsync), (HttpMethods.Delete, DeleteConnectorAsync));
        Route(group, "/connectors/{connector}/config",
            (HttpMethods.Get, GetConnectorConfigAsync), (HttpMethods.Put, PutConnectorConfigAsync), (HttpMethods.Patch, PatchConnectorConfigAsync));
        Route(group, "/connectors/{connector}/status", (HttpMethods.Get, GetConnectorStatusAsync));
        Route(group, "/connectors/{connector}/restart", (HttpMethods.Post, RestartConnectorAsync));
        Route(group, "/connectors/{connector}/pause", (HttpMethods.Put, c => SetTargetStateAsync(c, TargetState.Paused)));
        Route(group, "/connectors/{connector}/resume", (HttpMethods.Put, c => SetTargetStateAsync(c, TargetState.Started)));
        Route(group, "/connectors/{connector}/stop", (HttpMethods.Put, c => SetTargetStateAsync(c, TargetState.Stopped)));
        Route(group, "/connectors/{connector}/tasks", (HttpMethods.Get, GetTaskConfigsAsync));
        Route(group, "/connectors/{connector}/tasks/{task}/status", (HttpMethods.Get, GetTaskStatusAsync));
        Route(group, "/connectors/{connector}/tasks/{task}/restart", (HttpMethods.Post, RestartTaskAsync));
        Route(group, "/connectors/{connector}/topics", (HttpMethods.Get, GetActiveTopicsAsync));
        Route(group, "/connectors/{connector}/topics/reset", (HttpMethods.Put, ResetActiveTopicsAsync));
        Route(group, "/connectors/{connector}/offsets",
            (HttpMethods.Get, GetOffsetsAsync), (HttpMethods.Patch, AlterOffsetsAsync), (HttpMethods.Delete, ResetOffsetsAsync));
    }

    private Task<IResult> ListConnectorsAsync(HttpContext context)
    {
        var herder = Herder();
        if (!context.Request.Query.TryGetValue("expand", out var expand))
        {
            return Task.FromResult(Ok(herder.Connectors(), Json.IReadOnlyListString));
        }

        // Kafka repeats the parameter (?expand=status&expand=info); a comma-separated list is read the same way.
        var expansions = expand.SelectMany(e => (e ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, ConnectorExpansionDto>(StringComparer.Ordinal);
        foreach (var name in herder.Connectors())
        {
            try
            {
                var status = expansions.Contains("status") ? StatusDto(herder.ConnectorStatus(name)) : null;
                var info = expansions.Contains("info") ? InfoDto(herder, herder.ConnectorInfo(name)) : null;
                result[name] = new ConnectorExpansionDto(status, info);
            }
            catch (NotFoundException)
            {
                // Deleted while the list was built: leave it out, as Kafka does.
            }
        }

        return Task.FromResult(Ok<IReadOnlyDictionary<string, ConnectorExpansionDto>>(result, Json.IReadOnlyDictionaryStringConnectorExpansionDto));
    }

    private async Task<IResult> CreateConnectorAsync(HttpContext context)
    {
        var herder = Herder();
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var root = RestBody.Object(body.RootElement, "The request body");
        var name = (RestBody.OptionalString(root, "name", "the request body") ?? string.Empty).Trim();
        if (!root.TryGetProperty("config", out var configElement) || configElement.ValueKind == JsonValueKind.Null)
        {
            throw RestErrors.BadRequest("The request body must have a \"config\" object with the connector configuration, like {\"name\": \"my-connector\", \"config\": {\"connector.class\": \"...\"}}.");
        }

        var config = NonNullValues(RestBody.StringMap(configElement, "\"config\"", allowNull: false));
        var initialState = ParseInitialState(RestBody.OptionalString(root, "initial_state", "the request body"));
        CheckAndPutName(name, config);
        RequireValidName(herder, name, config);
        var created = await _runner.RunAsync($"creating connector '{name}'", () => WithConfigWriteLockAsync(() =>
            herder.PutConnectorConfigAsync(name, config, allowReplace: false, initialState))).ConfigureAwait(false);
        context.Response.Headers.Location = ConnectorLocation(context, name);
        return Ok(InfoDto(herder, created.Info), Json.ConnectorInfoDto, StatusCodes.Status201Created);
    }

    private Task<IResult> GetConnectorAsync(HttpContext context)
    {
        var herder = Herder();
        return Task.FromResult(Ok(InfoDto(herder, herder.ConnectorInfo(Route(context, "connector"))), Json.ConnectorInfoDto));
    }

    private Task<IResult> GetConnectorConfigAsync(HttpContext context)
    {
        var herder = Herder();
        var info = herder.ConnectorInfo(Route(context, "connector"));
        return Task.FromResult(Ok(_redaction.Redact(herder.Plugins, info.Config), Json.IReadOnlyDictionaryStringString));
    }

    private async Task<IResult> PutConnectorConfigAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var config = NonNullValues(RestBody.StringMap(body.RootElement, "The connector configuration", allowNull: false));
        CheckAndPutName(name, config);
        RequireValidName(herder, name, config);
        var result = await _runner.RunAsync($"configuring connector '{name}'", () => WithConfigWriteLockAsync(() =>
        {
            _redaction.RestoreHidden(herder.Plugins, config, StoredConfig(herder, name));
            return herder.PutConnectorConfigAsync(name, config, allowReplace: true);
        })).ConfigureAwait(false);
        if (result.Created)
        {
            context.Response.Headers.Location = ConnectorLocation(context, name);
            return Ok(InfoDto(herder, result.Info), Json.ConnectorInfoDto, StatusCodes.Status201Created);
        }

        return Ok(InfoDto(herder, result.Info), Json.ConnectorInfoDto);
    }

    private async Task<IResult> PatchConnectorConfigAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var patch = RestBody.StringMap(body.RootElement, "The configuration patch", allowNull: true);
        var result = await _runner.RunAsync($"patching the configuration of connector '{name}'", () => WithConfigWriteLockAsync(() =>
        {
            var stored = herder.ConnectorInfo(name).Config;
            var patched = new Dictionary<string, string>(stored, StringComparer.Ordinal);
            foreach (var (key, value) in patch)
            {
                if (value is null)
                {
                    patched.Remove(key);
                }
                else
                {
                    patched[key] = value;
                }
            }

            CheckAndPutName(name, patched);
            _redaction.RestoreHidden(herder.Plugins, patched, stored);
            return herder.PutConnectorConfigAsync(name, patched, allowReplace: true);
        })).ConfigureAwait(false);
        return Ok(InfoDto(herder, result.Info), Json.ConnectorInfoDto);
    }

    private async Task<IResult> DeleteConnectorAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        await _runner.RunAsync($"deleting connector '{name}'", () => WithConfigWriteLockAsync(() => herder.DeleteConnectorAsync(name))).ConfigureAwait(false);
        return Results.NoContent();
    }

    private Task<IResult> GetConnectorStatusAsync(HttpContext context)
    {
        var herder = Herder();
        return Task.FromResult(Ok(StatusDto(herder.ConnectorStatus(Route(context, "connector"))), Json.ConnectorStateInfoDto));
    }

    private async Task<IResult> RestartConnectorAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        var includeTasks = QueryFlag(context, "includeTasks", defaultValue: false);
        var onlyFailed = QueryFlag(context, "onlyFailed", defaultValue: false);
        var status = await _runner.RunAsync($"restarting connector '{name}'", () => herder.RestartConnectorAsync(name, includeTasks, onlyFailed)).ConfigureAwait(false);

        // Without either flag Kafka restarts only the connector and answers 204, as before KIP-745.
        return !includeTasks && !onlyFailed
            ? Results.NoContent()
            : Ok(StatusDto(status), Json.ConnectorStateInfoDto, StatusCodes.Status202Accepted);
    }

    private async Task<IResult> SetTargetStateAsync(HttpContext context, TargetState state)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        var verb = state switch
        {
            TargetState.Paused => "pausing",
            TargetState.Stopped => "stopping",
            _ => "resuming",
        };
        await _runner.RunAsync($"{verb} connector '{name}'", () => herder.SetTargetStateAsync(name, state)).ConfigureAwait(false);

        // Kafka answers pause and resume with 202 (the change is asynchronous in a cluster) and stop with 204.
        return state == TargetState.Stopped ? Results.NoContent() : Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private Task<IResult> GetTaskConfigsAsync(HttpContext context)
    {
        var herder = Herder();
        var tasks = herder.TaskConfigs(Route(context, "connector"))
            .Select(t => new TaskInfoDto(new ConnectorTaskIdDto(t.Id.Connector, t.Id.Task), _redaction.Redact(herder.Plugins, t.Config)))
            .ToList();
        return Task.FromResult(Ok<IReadOnlyList<TaskInfoDto>>(tasks, Json.IReadOnlyListTaskInfoDto));
    }

    private Task<IResult> GetTaskStatusAsync(HttpContext context)
    {
        var herder = Herder();
        var id = TaskId(context);
        var task = herder.TaskStatus(id);
        return Task.FromResult(Ok(TaskStateDto(task), Json.TaskStateDto));
    }

    private async Task<IResult> RestartTaskAsync(HttpContext context)
    {
        var herder = Herder();
        var id = TaskId(context);
        await _runner.RunAsync($"restarting task {id}", () => herder.RestartTaskAsync(id)).ConfigureAwait(false);
        return Results.NoContent();
    }

    private Task<IResult> GetActiveTopicsAsync(HttpContext context)
    {
        if (!_options.TopicTrackingEnabled)
        {
            throw RestErrors.Forbidden("Topic tracking is disabled.");
        }

        var herder = Herder();
        var name = Route(context, "connector");
        _ = herder.ConnectorInfo(name);
        var topics = new Dictionary<string, ActiveTopicsDto>(StringComparer.Ordinal)
        {
            [name] = new ActiveTopicsDto(herder.Worker.ActiveTopics.Topics(name)),
        };
        return Task.FromResult(Ok<IReadOnlyDictionary<string, ActiveTopicsDto>>(topics, Json.IReadOnlyDictionaryStringActiveTopicsDto));
    }

    private Task<IResult> ResetActiveTopicsAsync(HttpContext context)
    {
        if (!_options.TopicTrackingEnabled)
        {
            throw RestErrors.Forbidden("Topic tracking is disabled.");
        }

        if (!_options.TopicTrackingResetEnabled)
        {
            throw RestErrors.Forbidden("Topic tracking reset is disabled.");
        }

        var herder = Herder();
        var name = Route(context, "connector");
        _ = herder.ConnectorInfo(name);
        herder.Worker.ActiveTopics.Reset(name);
        return Task.FromResult(Results.StatusCode(StatusCodes.Status202Accepted));
    }

    private async Task<IResult> GetOffsetsAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        var offsets = await _runner.RunAsync($"reading the offsets of connector '{name}'", () => herder.GetOffsetsAsync(name)).ConfigureAwait(false);
        var dto = new ConnectorOffsetsDto(offsets.Select(o => new ConnectorOffsetDto(ToJson(o.Partition), o.Offset is null ? null : ToJson(o.Offset))).ToList());
        return Ok(dto, Json.ConnectorOffsetsDto);
    }

    private async Task<IResult> AlterOffsetsAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var root = RestBody.Object(body.RootElement, "The request body");
        if (!root.TryGetProperty("offsets", out var offsetsElement) || offsetsElement.ValueKind == JsonValueKind.Null
            || offsetsElement.ValueKind == JsonValueKind.Array && offsetsElement.GetArrayLength() == 0)
        {
            throw RestErrors.BadRequest("Partitions / offsets need to be provided for an alter offsets request");
        }

        if (offsetsElement.ValueKind != JsonValueKind.Array)
        {
            throw RestErrors.BadRequest($"\"offsets\" must be an array of {{\"partition\": {{...}}, \"offset\": {{...}}}} objects, but it is {RestBody.Describe(offsetsElement)}.");
        }

        var offsets = new List<ConnectorOffset>();
        foreach (var entry in offsetsElement.EnumerateArray())
        {
            RestBody.Object(entry, "Each element of \"offsets\"");
            if (!entry.TryGetProperty("partition", out var partition) || partition.ValueKind == JsonValueKind.Null)
            {
                throw RestErrors.BadRequest("The partition may not be null for any element of \"offsets\".");
            }

            var offset = entry.TryGetProperty("offset", out var offsetElement) && offsetElement.ValueKind != JsonValueKind.Null
                ? RestBody.PrimitiveMap(offsetElement, "Offsets")
                : null;
            offsets.Add(new ConnectorOffset(RestBody.PrimitiveMap(partition, "Partitions"), offset));
        }

        var handled = await _runner.RunAsync($"altering the offsets of connector '{name}'", () => herder.AlterOffsetsAsync(name, offsets)).ConfigureAwait(false);
        return Ok(new MessageDto(OffsetsChangedMessage("altered", handled)), Json.MessageDto);
    }

    private async Task<IResult> ResetOffsetsAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "connector");
        var handled = await _runner.RunAsync($"resetting the offsets of connector '{name}'", () => herder.AlterOffsetsAsync(name, null)).ConfigureAwait(false);
        return Ok(new MessageDto(OffsetsChangedMessage("reset", handled)), Json.MessageDto);
    }

    private async Task<T> WithConfigWriteLockAsync<T>(Func<Task<T>> write)
    {
        // Creates, updates, patches and deletes go one at a time, so a PATCH's read-modify-write and a PUT that
        // keeps a [hidden] password cannot interleave with another change of the same connector.
        await _configWrites.WaitAsync().ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _configWrites.Release();
        }
    }

    private static IReadOnlyDictionary<string, string>? StoredConfig(IHerder herder, string name)
    {
        try
        {
            return herder.ConnectorInfo(name).Config;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private ConnectorInfoDto InfoDto(IHerder herder, ConnectorInfo info) => new(
        info.Name,
        _redaction.Redact(herder.Plugins, info.Config),
        info.Tasks.Select(t => new ConnectorTaskIdDto(t.Connector, t.Task)).ToList(),
        TypeName(info.Type));

    private static ConnectorStateInfoDto StatusDto(ConnectorStateInfo status) => new(
        status.Name,
        new ConnectorStateDto(status.Connector.State.ToWireName(), status.Connector.WorkerId, status.Connector.Trace),
        status.Tasks.Select(TaskStateDto).ToList(),
        TypeName(status.Type));

    private static TaskStateDto TaskStateDto(TaskStateInfo task) =>
        new(task.Id, task.Status.State.ToWireName(), task.Status.WorkerId, task.Status.Trace);

    private static string TypeName(ConnectorType type) => type switch
    {
        ConnectorType.Source => "source",
        ConnectorType.Sink => "sink",
        _ => "unknown",
    };

    private static ConnectorTaskId TaskId(HttpContext context)
    {
        var connector = Route(context, "connector");
        var task = Route(context, "task");
        return int.TryParse(task, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new ConnectorTaskId(connector, id)
            : throw RestErrors.NotFound($"Unknown task {connector}-{task}: task ids are numbers.");
    }

    private static TargetState ParseInitialState(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null => TargetState.Started,
        "RUNNING" => TargetState.Started,
        "PAUSED" => TargetState.Paused,
        "STOPPED" => TargetState.Stopped,
        _ => throw RestErrors.BadRequest($"Invalid initial_state '{value}': it must be one of RUNNING, PAUSED or STOPPED."),
    };

    /// <summary>Kafka's checkAndPutConnectorConfigName: a name in the configuration must match the connector's.</summary>
    private static void CheckAndPutName(string name, IDictionary<string, string> config)
    {
        if (config.TryGetValue(ConnectorConfig.NameConfig, out var included))
        {
            if (!string.Equals(included, name, StringComparison.Ordinal))
            {
                throw RestErrors.BadRequest($"Connector name configuration ({included}) doesn't match connector name in the URL ({name})");
            }
        }
        else
        {
            config[ConnectorConfig.NameConfig] = name;
        }
    }

    /// <summary>An empty or blank name fails validation with Kafka's message for the <c>name</c> key.</summary>
    private static void RequireValidName(IHerder herder, string name, Dictionary<string, string> config)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var validation = herder.ValidateConnectorConfig(config);
        throw validation.ErrorCount > 0
            ? new InvalidConnectorConfigException(validation)
            : RestErrors.BadRequest("The connector name must not be empty.");
    }

    private static Dictionary<string, string> NonNullValues(Dictionary<string, string?> map) =>
        map.ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);

    private static string ConnectorLocation(HttpContext context, string name) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/connectors/{Uri.EscapeDataString(name)}";

    /// <summary>Kafka's answer to a change of offsets: short when the connector handled it too, else a reminder that
    /// offsets the connector keeps outside Connect are unchanged.</summary>
    private static string OffsetsChangedMessage(string change, bool handledByConnector) => handledByConnector
        ? $"The offsets for this connector have been {change} successfully"
        : $"The Connect framework-managed offsets for this connector have been {change} successfully. However, if this connector manages offsets externally, they will need to be manually {change} in the system that the connector uses.";

    private static JsonObject ToJson(IReadOnlyDictionary<string, object?> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                bool flag => JsonValue.Create(flag),
                long number => JsonValue.Create(number),
                int number => JsonValue.Create(number),
                short number => JsonValue.Create(number),
                byte number => JsonValue.Create(number),
                double number => JsonValue.Create(number),
                float number => JsonValue.Create(number),
                _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
            };
        }

        return json;
    }
}
