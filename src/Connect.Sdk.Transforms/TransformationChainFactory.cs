using System.Reflection;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Builds <see cref="TransformationChain{TRecord}"/>s, and the matching <see cref="ConfigDef"/> for validation, from a
/// connector config written as for Kafka Connect:
/// <code>
/// transforms=route,dropTombstones
/// transforms.route.type=org.apache.kafka.connect.transforms.TimestampRouter
/// transforms.route.topic.format=${topic}-${timestamp}
/// transforms.dropTombstones.type=org.apache.kafka.connect.transforms.Filter
/// transforms.dropTombstones.predicate=isTombstone
/// predicates=isTombstone
/// predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
/// </code>
/// Type names are resolved by a type resolver: by default the <see cref="TransformationRegistry.BuiltIns"/> registry
/// (Kafka's Java class names and this package's .NET names) and then any type loaded in the process; the runtime can plug
/// in its own plugin registry. Open generic types are closed over the record type.
/// </summary>
public sealed class TransformationChainFactory
{
    /// <summary>The connector key that lists the transformation aliases.</summary>
    public const string TransformsConfig = "transforms";

    /// <summary>The connector key that lists the predicate aliases.</summary>
    public const string PredicatesConfig = "predicates";

    private const string TransformsGroup = "Transforms";
    private const string PredicatesGroup = "Predicates";
    private const string TypeSuffix = "type";
    private const string PredicateKey = "predicate";
    private const string NegateKey = "negate";

    private readonly Func<string, Type?> _typeResolver;

    /// <summary>Initializes a new instance of the <see cref="TransformationChainFactory"/> class that resolves names with <see cref="ResolveDefault"/>.</summary>
    public TransformationChainFactory()
        : this(ResolveDefault)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TransformationChainFactory"/> class with a type resolver.</summary>
    /// <param name="typeResolver">
    /// Maps the value of a <c>*.type</c> key to a type, or to <see langword="null"/> when it knows no such type. The type
    /// may be a generic type definition over the record type (<c>typeof(Cast&lt;&gt;.Value)</c>) or a closed type.
    /// </param>
    public TransformationChainFactory(Func<string, Type?> typeResolver)
    {
        ArgumentNullException.ThrowIfNull(typeResolver);
        _typeResolver = typeResolver;
    }

    /// <summary>Gets a factory that uses <see cref="ResolveDefault"/>.</summary>
    /// <value>A shared, stateless factory.</value>
    public static TransformationChainFactory Default { get; } = new();

    /// <summary>
    /// Resolves a transformation or predicate name: first in <see cref="TransformationRegistry.BuiltIns"/>, then as a
    /// .NET type name among the loaded assemblies (<c>My.Transforms.Redact</c>, <c>My.Transforms.Redact$Value</c> and
    /// generic arity are understood).
    /// </summary>
    /// <param name="name">The name from the config.</param>
    /// <returns>The type, or <see langword="null"/>.</returns>
    public static Type? ResolveDefault(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return TransformationRegistry.BuiltIns.Resolve(name) ?? FindLoadedType(name.Trim());
    }

    /// <summary>Builds and configures the transformation chain a connector config describes.</summary>
    /// <typeparam name="TRecord">The record type: <see cref="Source.SourceRecord"/> for source connectors, <see cref="Sink.SinkRecord"/> for sinks.</typeparam>
    /// <param name="connectorConfig">The connector config, with the <c>transforms</c> and <c>predicates</c> keys.</param>
    /// <returns>The chain; empty when <c>transforms</c> is absent or empty.</returns>
    /// <exception cref="ConfigException">
    /// An alias is listed twice, a type is missing, unknown, not a transformation (or predicate) for the record type or
    /// abstract, a predicate is referred to but not defined, <c>negate</c> is set without <c>predicate</c>, or a
    /// transformation or predicate rejects its settings.
    /// </exception>
    public TransformationChain<TRecord> Create<TRecord>(IReadOnlyDictionary<string, string> connectorConfig)
        where TRecord : ConnectRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(connectorConfig);
        var aliases = ParseAliases(connectorConfig, TransformsConfig);
        var predicateAliases = ParseAliases(connectorConfig, PredicatesConfig);
        foreach (var predicateAlias in predicateAliases)
        {
            var typeKey = $"{PredicatesConfig}.{predicateAlias}.{TypeSuffix}";
            ResolveClosed<TRecord>(typeKey, Required(connectorConfig, typeKey), typeof(IPredicate<>), "Predicate");
        }

        var stages = new List<TransformationStage<TRecord>>(aliases.Count);
        try
        {
            foreach (var alias in aliases)
            {
                stages.Add(CreateStage<TRecord>(connectorConfig, alias, predicateAliases));
            }
        }
        catch
        {
            foreach (var stage in stages)
            {
                stage.Dispose();
            }

            throw;
        }

        return new TransformationChain<TRecord>(stages);
    }

    /// <summary>
    /// The definition of the <c>transforms</c> and <c>predicates</c> keys and, for each configured alias, of its
    /// <c>type</c>, <c>predicate</c> and <c>negate</c> keys and the settings its transformation or predicate defines,
    /// prefixed with <c>transforms.&lt;alias&gt;.</c> or <c>predicates.&lt;alias&gt;.</c> (Kafka's
    /// <c>ConnectorConfig.enrich</c>). Validating a config against it reports unknown types and bad settings per key.
    /// </summary>
    /// <typeparam name="TRecord">The record type the transformations will run on.</typeparam>
    /// <param name="connectorConfig">The connector config, which says which aliases and types there are.</param>
    /// <param name="baseDefinition">The connector's own definition to add to, or <see langword="null"/> to start empty. It is not changed.</param>
    /// <returns>A new definition.</returns>
    public ConfigDef CreateConfigDef<TRecord>(IReadOnlyDictionary<string, string> connectorConfig, ConfigDef? baseDefinition = null)
        where TRecord : ConnectRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(connectorConfig);
        var definition = baseDefinition is null ? new ConfigDef() : new ConfigDef(baseDefinition);
        if (!definition.ConfigKeys.ContainsKey(TransformsConfig))
        {
            definition.Define(
                TransformsConfig, ConfigType.List, string.Empty, AliasValidator, Importance.Low,
                "Aliases for the transformations to be applied to records.", TransformsGroup, 0, Width.Long, "Transforms");
        }

        if (!definition.ConfigKeys.ContainsKey(PredicatesConfig))
        {
            definition.Define(
                PredicatesConfig, ConfigType.List, string.Empty, AliasValidator, Importance.Low,
                "Aliases for the predicates used by transformations.", PredicatesGroup, 0, Width.Long, "Predicates");
        }

        var predicateAliases = LenientAliases(connectorConfig, PredicatesConfig);
        foreach (var alias in LenientAliases(connectorConfig, TransformsConfig))
        {
            var prefix = $"{TransformsConfig}.{alias}.";
            var group = $"{TransformsGroup}: {alias}";
            var typeKey = prefix + TypeSuffix;
            definition.Define(
                typeKey,
                ConfigType.Class,
                ConfigDef.NoDefaultValue,
                LambdaValidator.With(
                    (_, value) =>
                    {
                        ValidateNegate(connectorConfig, prefix);
                        if (value is string name)
                        {
                            ResolveClosed<TRecord>(typeKey, name, typeof(ITransformation<>), "Transformation");
                        }
                    },
                    () => $"valid configs for {alias} transformation"),
                Importance.High,
                $"Class for the '{alias}' transformation.",
                group,
                0,
                Width.Long,
                "Transformation type for " + alias);

            var child = new ConfigDef()
                .Define(
                    PredicateKey,
                    ConfigType.String,
                    null,
                    LambdaValidator.With(
                        (name, value) =>
                        {
                            if (value is string predicate && predicate.Length > 0 && !predicateAliases.Contains(predicate))
                            {
                                throw new ConfigException(name, value, $"Predicate '{predicate}' is not defined in '{PredicatesConfig}'");
                            }
                        },
                        () => $"an alias listed in '{PredicatesConfig}'"),
                    Importance.Medium,
                    "The alias of a predicate used to determine whether to apply this transformation.")
                .Define(NegateKey, ConfigType.Boolean, false, Importance.Medium, "Whether the configured predicate should be negated.");
            if (TryGetPluginConfig<TRecord>(connectorConfig, typeKey, typeof(ITransformation<>), "Transformation") is { } transformDefinition)
            {
                foreach (var key in transformDefinition.ConfigKeys.Values)
                {
                    if (key.Name is not (PredicateKey or NegateKey or TypeSuffix))
                    {
                        child.Define(key);
                    }
                }
            }

            definition.Embed(prefix, group, 1, child);
        }

        foreach (var alias in predicateAliases)
        {
            var prefix = $"{PredicatesConfig}.{alias}.";
            var group = $"{PredicatesGroup}: {alias}";
            var typeKey = prefix + TypeSuffix;
            definition.Define(
                typeKey,
                ConfigType.Class,
                ConfigDef.NoDefaultValue,
                LambdaValidator.With(
                    (_, value) =>
                    {
                        if (value is string name)
                        {
                            ResolveClosed<TRecord>(typeKey, name, typeof(IPredicate<>), "Predicate");
                        }
                    },
                    () => $"valid configs for {alias} predicate"),
                Importance.High,
                $"Class for the '{alias}' predicate.",
                group,
                0,
                Width.Long,
                "Predicate type for " + alias);
            if (TryGetPluginConfig<TRecord>(connectorConfig, typeKey, typeof(IPredicate<>), "Predicate") is { } predicateDefinition)
            {
                var child = new ConfigDef();
                foreach (var key in predicateDefinition.ConfigKeys.Values)
                {
                    if (key.Name != TypeSuffix)
                    {
                        child.Define(key);
                    }
                }

                definition.Embed(prefix, group, 1, child);
            }
        }

        return definition;
    }

    private static IConfigValidator AliasValidator { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is IReadOnlyList<string> aliases && aliases.Distinct(StringComparer.Ordinal).Count() != aliases.Count)
            {
                throw new ConfigException(name, value, "Duplicate alias provided.");
            }
        },
        () => string.Empty);

    private TransformationStage<TRecord> CreateStage<TRecord>(IReadOnlyDictionary<string, string> config, string alias, IReadOnlyList<string> predicateAliases)
        where TRecord : ConnectRecord<TRecord>
    {
        var prefix = $"{TransformsConfig}.{alias}.";
        ValidateNegate(config, prefix);
        var typeKey = prefix + TypeSuffix;
        var typeName = Required(config, typeKey);
        var type = ResolveClosed<TRecord>(typeKey, typeName, typeof(ITransformation<>), "Transformation");
        var settings = WithPrefix(config, prefix);
        settings.Remove(PredicateKey);
        settings.Remove(NegateKey);

        var transformation = Instantiate<ITransformation<TRecord>>(type, typeKey, typeName, "Transformation");
        try
        {
            ConfigureOrExplain(() => transformation.Configure(settings), "transformation", alias, typeKey, typeName);
            if (!config.TryGetValue(prefix + PredicateKey, out var predicateAlias) || string.IsNullOrWhiteSpace(predicateAlias))
            {
                return new TransformationStage<TRecord>(transformation, alias: alias);
            }

            predicateAlias = predicateAlias.Trim();
            if (!predicateAliases.Contains(predicateAlias, StringComparer.Ordinal))
            {
                throw new ConfigException(
                    prefix + PredicateKey,
                    predicateAlias,
                    $"Predicate '{predicateAlias}' is not defined in '{PredicatesConfig}'; list it there and set '{PredicatesConfig}.{predicateAlias}.{TypeSuffix}'");
            }

            var negate = config.TryGetValue(prefix + NegateKey, out var negateText)
                && (bool)ConfigDef.ParseType(prefix + NegateKey, negateText, ConfigType.Boolean)!;
            var predicatePrefix = $"{PredicatesConfig}.{predicateAlias}.";
            var predicateTypeKey = predicatePrefix + TypeSuffix;
            var predicateTypeName = Required(config, predicateTypeKey);
            var predicateType = ResolveClosed<TRecord>(predicateTypeKey, predicateTypeName, typeof(IPredicate<>), "Predicate");
            var predicate = Instantiate<IPredicate<TRecord>>(predicateType, predicateTypeKey, predicateTypeName, "Predicate");
            try
            {
                var predicateSettings = WithPrefix(config, predicatePrefix);
                ConfigureOrExplain(() => predicate.Configure(predicateSettings), "predicate", predicateAlias, predicateTypeKey, predicateTypeName);
            }
            catch
            {
                predicate.Dispose();
                throw;
            }

            return new TransformationStage<TRecord>(transformation, predicate, negate, alias, predicateAlias);
        }
        catch
        {
            transformation.Dispose();
            throw;
        }
    }

    private Type ResolveClosed<TRecord>(string key, string className, Type pluginInterface, string kind)
    {
        var name = className.Trim();
        Type? type;
        try
        {
            type = _typeResolver(name);
        }
        catch (Exception e) when (e is not ConfigException)
        {
            throw new ConfigException(key, className, $"Class {name} could not be found: {e.Message}");
        }

        if (type is null)
        {
            var hint = _typeResolver(name + "$Key") is not null ? $" Use {name}$Key or {name}$Value." : string.Empty;
            throw new ConfigException(key, className, $"Class {name} could not be found.{hint}");
        }

        var wanted = pluginInterface.MakeGenericType(typeof(TRecord));
        var closed = TransformationRegistry.Close(type, typeof(TRecord));
        if (closed is null || !wanted.IsAssignableFrom(closed))
        {
            throw new ConfigException(key, className, $"Not a {kind}: {type} does not implement {Describe(wanted)}");
        }

        if (closed.IsAbstract || closed.IsInterface)
        {
            throw new ConfigException(key, className, $"Class {type} is abstract and cannot be created");
        }

        if (closed.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ConfigException(key, className, $"Class {type} has no public parameterless constructor");
        }

        return closed;
    }

    private ConfigDef? TryGetPluginConfig<TRecord>(IReadOnlyDictionary<string, string> config, string typeKey, Type pluginInterface, string kind)
        where TRecord : ConnectRecord<TRecord>
    {
        if (!config.TryGetValue(typeKey, out var typeName) || string.IsNullOrWhiteSpace(typeName))
        {
            return null;
        }

        try
        {
            var type = ResolveClosed<TRecord>(typeKey, typeName, pluginInterface, kind);
            var instance = Instantiate<IDisposable>(type, typeKey, typeName, kind);
            using (instance)
            {
                return instance switch
                {
                    ITransformation<TRecord> transformation => transformation.Config,
                    IPredicate<TRecord> predicate => predicate.Config,
                    _ => null,
                };
            }
        }
        catch (ConfigException)
        {
            // The type key's validator reports the problem.
            return null;
        }
    }

    private static T Instantiate<T>(Type type, string key, string className, string kind)
    {
        try
        {
            return (T)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new ConfigException(key, className, $"Error creating the {kind}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (Exception e) when (e is MemberAccessException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            throw new ConfigException(key, className, $"Error creating the {kind}: {e.Message}");
        }
    }

    private static void ConfigureOrExplain(Action configure, string kind, string alias, string typeKey, string typeName)
    {
        try
        {
            configure();
        }
        catch (ConfigException e)
        {
            throw new ConfigException($"The {kind} '{alias}' ({typeKey}={typeName}) is not configured correctly: {e.Message}", e);
        }
    }

    private static void ValidateNegate(IReadOnlyDictionary<string, string> config, string prefix)
    {
        var negateKey = prefix + NegateKey;
        var predicateKey = prefix + PredicateKey;
        if (config.ContainsKey(negateKey) && !config.ContainsKey(predicateKey))
        {
            throw new ConfigException($"Config '{negateKey}' was provided but there is no config '{predicateKey}' defining a predicate to be negated.");
        }
    }

    private static List<string> ParseAliases(IReadOnlyDictionary<string, string> config, string key)
    {
        if (!config.TryGetValue(key, out var text))
        {
            return [];
        }

        var aliases = (IReadOnlyList<string>)ConfigDef.ParseType(key, text, ConfigType.List)!;
        AliasValidator.EnsureValid(key, aliases);
        return [.. aliases.Where(a => a.Length > 0)];
    }

    private static List<string> LenientAliases(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var text)
            ? [.. ((IReadOnlyList<string>)ConfigDef.ParseType(key, text, ConfigType.List)!).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)]
            : [];

    private static string Required(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ConfigException($"Missing required configuration \"{key}\" which has no default value.");

    private static Dictionary<string, string> WithPrefix(IReadOnlyDictionary<string, string> config, string prefix)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                settings[key[prefix.Length..]] = value;
            }
        }

        return settings;
    }

    private static string Describe(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ">"
            : type.Name;

    private static Type? FindLoadedType(string name)
    {
        foreach (var candidate in ClrNameCandidates(name))
        {
            try
            {
                if (Type.GetType(candidate, throwOnError: false) is { } type)
                {
                    return type;
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
            {
                // Not a type name .NET can read; try the next form.
            }

            if (candidate.Contains(',', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!assembly.IsDynamic && assembly.GetType(candidate, throwOnError: false) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> ClrNameCandidates(string name)
    {
        yield return name;
        if (name.Contains(',', StringComparison.Ordinal) || name.Contains('`', StringComparison.Ordinal))
        {
            yield break;
        }

        var nested = name.Replace('$', '+');
        var plus = nested.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            yield return nested;
            yield return nested[..plus] + "`1" + nested[plus..];
        }
        else
        {
            yield return name + "`1";
        }
    }
}
