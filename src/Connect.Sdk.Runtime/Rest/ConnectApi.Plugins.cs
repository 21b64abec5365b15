using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>The <c>/connector-plugins</c> endpoints.</summary>
internal sealed partial class ConnectApi
{
    // Kafka lists sinks, sources, transformations, predicates, converters, header converters; each sorted by class.
    private static readonly PluginType[] ListingOrder =
        [PluginType.Sink, PluginType.Source, PluginType.Transformation, PluginType.Predicate, PluginType.Converter, PluginType.HeaderConverter];

    private static readonly PluginType[] AllKinds = Enum.GetValues<PluginType>();

    private void MapPlugins(RouteGroupBuilder group)
    {
        Route(group, "/connector-plugins", (HttpMethods.Get, ListPluginsAsync));
        Route(group, "/connector-plugins/{plugin}/config", (HttpMethods.Get, GetPluginConfigAsync));
        Route(group, "/connector-plugins/{plugin}/config/validate", (HttpMethods.Put, ValidateConfigAsync));
    }

    private Task<IResult> ListPluginsAsync(HttpContext context)
    {
        var herder = Herder();
        var connectorsOnly = QueryFlag(context, "connectorsOnly", defaultValue: true);
        var plugins = herder.Plugins.Plugins;
        var listed = ListingOrder
            .Where(kind => !connectorsOnly || kind is PluginType.Source or PluginType.Sink)
            .SelectMany(kind => plugins.Where(p => p.Kind == kind)
                .DistinctBy(p => p.ClassName)
                .OrderBy(p => p.ClassName, StringComparer.Ordinal)
                .Select(p => new PluginInfoDto(p.ClassName, kind.ToWireName(), p.Version == "undefined" ? null : p.Version)))
            .ToList();
        return Task.FromResult(Ok<IReadOnlyList<PluginInfoDto>>(listed, Json.IReadOnlyListPluginInfoDto));
    }

    private Task<IResult> GetPluginConfigAsync(HttpContext context)
    {
        var herder = Herder();
        var name = Route(context, "plugin");
        var plugin = FindPlugin(herder.Plugins, name);
        var definition = PluginDefinition(plugin);
        var keys = ConnectorConfigValidator.Describe(definition).Select(KeyDto).ToList();
        return Task.FromResult(Ok<IReadOnlyList<ConfigKeyInfoDto>>(keys, Json.IReadOnlyListConfigKeyInfoDto));
    }

    private async Task<IResult> ValidateConfigAsync(HttpContext context)
    {
        var herder = Herder();
        var pluginName = Route(context, "plugin");
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var config = RestBody.StringMap(body.RootElement, "The connector configuration", allowNull: true)
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        if (config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var included)
            && !NormalizedPluginName(included).EndsWith(NormalizedPluginName(pluginName), StringComparison.Ordinal))
        {
            throw RestErrors.BadRequest($"Included connector type {included} does not match request type {pluginName}");
        }

        var infos = await _runner.RunAsync($"validating a configuration of {pluginName}", () => Task.FromResult(herder.ValidateConnectorConfig(config)))
            .ConfigureAwait(false);
        return Ok(InfosDto(infos), Json.ConfigInfosDto);
    }

    /// <summary>Kafka's normalizedPluginName: works for full and simple names, dropping a <c>Connector</c> suffix.</summary>
    private static string NormalizedPluginName(string name) =>
        name.EndsWith("Connector", StringComparison.Ordinal) && name.Length > "Connector".Length ? name[..^"Connector".Length] : name;

    private static PluginDescriptor FindPlugin(PluginRegistry plugins, string name)
    {
        var found = new List<PluginDescriptor>();
        string? ambiguity = null;
        foreach (var kind in AllKinds)
        {
            try
            {
                found.Add(plugins.Resolve(name, kind));
            }
            catch (ConnectException e) when (e.Message.StartsWith("More than one", StringComparison.Ordinal))
            {
                ambiguity = e.Message;
            }
            catch (ConnectException)
            {
                // Not a plugin of this kind.
            }
        }

        var types = found.DistinctBy(p => p.Type).ToList();
        return types.Count switch
        {
            1 when ambiguity is null => types[0],
            0 when ambiguity is null => throw RestErrors.NotFound($"Unknown plugin {name}."),
            _ => throw RestErrors.BadRequest(ambiguity ?? $"More than one plugin matches \"{name}\": {string.Join(", ", types.Select(t => t.ClassName))}. Use the full name."),
        };
    }

    /// <summary>A plugin's own keys, then (for connectors) the framework's connector keys it does not redefine.</summary>
    private static ConfigDef PluginDefinition(PluginDescriptor plugin)
    {
        ConfigDef own;
        ConfigDef? framework = null;
        switch (plugin.Kind)
        {
            case PluginType.Source or PluginType.Sink:
                own = PluginRegistry.Instantiate<Connector>(plugin.Type).Config;
                framework = plugin.Kind == PluginType.Sink ? ConnectorConfig.SinkDefinition : ConnectorConfig.CommonDefinition;
                break;
            case PluginType.Converter:
                own = PluginRegistry.Instantiate<IConverter>(plugin.Type).Config;
                break;
            case PluginType.HeaderConverter:
                own = PluginRegistry.Instantiate<IHeaderConverter>(plugin.Type).Config;
                break;
            default:
                own = RecordPluginDefinition(plugin);
                break;
        }

        var combined = new ConfigDef(own);
        if (framework is not null)
        {
            foreach (var key in framework.ConfigKeys.Values.Where(k => !own.ConfigKeys.ContainsKey(k.Name)))
            {
                combined.Define(key);
            }
        }

        return combined;
    }

    private static ConfigDef RecordPluginDefinition(PluginDescriptor plugin)
    {
        // Transforms and predicates are generic over the record type; any closed type has the same definition.
        var type = plugin.Type.IsGenericTypeDefinition ? plugin.Type.MakeGenericType(typeof(SourceRecord)) : plugin.Type;
        var instance = PluginRegistry.Instantiate<object>(type);
        try
        {
            return instance switch
            {
                ITransformation<SourceRecord> transformation => transformation.Config,
                IPredicate<SourceRecord> predicate => predicate.Config,
                ITransformation<SinkRecord> transformation => transformation.Config,
                IPredicate<SinkRecord> predicate => predicate.Config,
                _ => throw RestErrors.BadRequest(
                    $"Invalid plugin class {plugin.ClassName}. Valid types are sink, source, converter, header_converter, transformation, predicate."),
            };
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static ConfigKeyInfoDto KeyDto(ConfigKeyInfo key) => new(
        key.Name,
        key.Type,
        key.Required,
        key.DefaultValue,
        key.Importance,
        key.Documentation,
        key.Group,
        key.Width,
        key.DisplayName,
        key.Dependents,
        key.OrderInGroup);

    private static ConfigInfosDto InfosDto(ConfigInfos infos) => new(
        infos.Name,
        infos.ErrorCount,
        infos.Groups,
        infos.Configs.Select(c => new ConfigInfoDto(
            KeyDto(c.Definition),
            new ConfigValueInfoDto(c.Value.Name, c.Value.Value, c.Value.RecommendedValues, c.Value.Errors, c.Value.Visible))).ToList());
}
