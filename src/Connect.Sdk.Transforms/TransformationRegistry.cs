using Connect.Sdk.Transforms.Predicates;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Maps the names operators write in <c>transforms.&lt;alias&gt;.type</c> and <c>predicates.&lt;alias&gt;.type</c> to
/// transformation and predicate types. <see cref="BuiltIns"/> knows every transform and predicate of this package under
/// Kafka's Java class names (<c>org.apache.kafka.connect.transforms.ReplaceField$Value</c>,
/// <c>org.apache.kafka.connect.transforms.predicates.TopicNameMatches</c>) and under .NET names
/// (<c>Connect.Sdk.Transforms.ReplaceField.Value</c>, <c>ReplaceField$Value</c>, <c>Connect.Sdk.Transforms.ReplaceField`1+Value</c>),
/// so existing Kafka Connect configs paste in unchanged.
/// </summary>
/// <remarks>
/// Types are registered open (<c>typeof(Cast&lt;&gt;.Value)</c>) and closed over the record type with
/// <see cref="Close(Type, Type)"/>; a type that already is closed (a transform written for <see cref="Sink.SinkRecord"/>
/// only) is registered as it is. Names are looked up exactly first, then ignoring case.
/// </remarks>
public sealed class TransformationRegistry
{
    private const string KafkaTransformsPackage = "org.apache.kafka.connect.transforms";
    private const string KafkaPredicatesPackage = "org.apache.kafka.connect.transforms.predicates";

    private static readonly Lazy<TransformationRegistry> BuiltInRegistry = new(CreateBuiltIns);

    private readonly Dictionary<string, Type> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _ignoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Type> _types = [];
    private readonly Dictionary<Type, List<string>> _names = [];
    private readonly Lock _gate = new();
    private bool _readOnly;

    /// <summary>Initializes a new, empty instance of the <see cref="TransformationRegistry"/> class.</summary>
    public TransformationRegistry()
    {
    }

    /// <summary>Gets the read-only registry of the transforms and predicates in this package.</summary>
    /// <value>A shared registry; <see cref="Add"/> on it throws. Use <see cref="CreateWithBuiltIns"/> to extend it.</value>
    public static TransformationRegistry BuiltIns => BuiltInRegistry.Value;

    /// <summary>Gets the registered types, in registration order.</summary>
    /// <value>A snapshot of the types.</value>
    public IReadOnlyList<Type> Types
    {
        get
        {
            lock (_gate)
            {
                return [.. _types];
            }
        }
    }

    /// <summary>Creates a registry that holds the built-in transforms and predicates and can take more.</summary>
    /// <returns>A new, writable registry.</returns>
    public static TransformationRegistry CreateWithBuiltIns()
    {
        var registry = new TransformationRegistry();
        foreach (var type in BuiltIns.Types)
        {
            registry.Add(type, [.. BuiltIns.NamesOf(type)]);
        }

        return registry;
    }

    /// <summary>
    /// Registers a transformation or predicate type under its .NET names (full name, full name with <c>.</c> or
    /// <c>$</c> before a nested type's name, and the same without the namespace) and any extra names, such as the Java
    /// class name it stands in for.
    /// </summary>
    /// <param name="type">
    /// A type implementing <see cref="ITransformation{TRecord}"/> or <see cref="IPredicate{TRecord}"/>: either a generic
    /// type definition whose only type parameter is the record type, or a closed type.
    /// </param>
    /// <param name="aliases">More names for the type.</param>
    /// <exception cref="ArgumentException">The type is neither a transformation nor a predicate, or an alias already names another type.</exception>
    /// <exception cref="InvalidOperationException">The registry is <see cref="BuiltIns"/>, which is read-only.</exception>
    public void Add(Type type, params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(aliases);
        if (!IsTransformationType(type) && !IsPredicateType(type))
        {
            throw new ArgumentException($"{type} implements neither ITransformation<TRecord> nor IPredicate<TRecord>.", nameof(type));
        }

        if (type.IsGenericTypeDefinition && type.GetGenericArguments().Length != 1)
        {
            throw new ArgumentException($"{type} must have exactly one type parameter, the record type.", nameof(type));
        }

        lock (_gate)
        {
            if (_readOnly)
            {
                throw new InvalidOperationException("The built-in registry is read-only; use TransformationRegistry.CreateWithBuiltIns() to extend it.");
            }

            foreach (var alias in aliases)
            {
                if (_exact.TryGetValue(alias, out var existing) && existing != type)
                {
                    throw new ArgumentException($"The name '{alias}' already refers to {existing}.", nameof(aliases));
                }
            }

            if (!_names.TryGetValue(type, out var names))
            {
                names = [];
                _names.Add(type, names);
                _types.Add(type);
            }

            foreach (var name in aliases.Concat(DotNetNames(type)))
            {
                if (_exact.TryAdd(name, type))
                {
                    names.Add(name);
                }

                _ignoringCase.TryAdd(name, type);
            }
        }
    }

    /// <summary>Finds the type registered under a name.</summary>
    /// <param name="name">A registered name, compared exactly first and then ignoring case.</param>
    /// <returns>The type as registered (open or closed), or <see langword="null"/> when no type has the name.</returns>
    public Type? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        lock (_gate)
        {
            return _exact.GetValueOrDefault(trimmed) ?? _ignoringCase.GetValueOrDefault(trimmed);
        }
    }

    /// <summary>Gets the names a type is registered under.</summary>
    /// <param name="type">A registered type.</param>
    /// <returns>The names, the explicit aliases first; empty for an unknown type.</returns>
    public IReadOnlyList<string> NamesOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            return _names.TryGetValue(type, out var names) ? [.. names] : [];
        }
    }

    /// <summary>Closes a registered type over a record type.</summary>
    /// <param name="type">A generic type definition with one type parameter, or a closed type.</param>
    /// <param name="recordType">The record type, e.g. <see cref="Source.SourceRecord"/>.</param>
    /// <returns>The closed type, or <see langword="null"/> when the type cannot be closed over the record type.</returns>
    public static Type? Close(Type type, Type recordType)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(recordType);
        if (!type.IsGenericTypeDefinition)
        {
            return type;
        }

        if (type.GetGenericArguments().Length != 1)
        {
            return null;
        }

        try
        {
            return type.MakeGenericType(recordType);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether a type (open or closed) implements <see cref="ITransformation{TRecord}"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for transformation types.</returns>
    public static bool IsTransformationType(Type type) => Implements(type, typeof(ITransformation<>));

    /// <summary>Whether a type (open or closed) implements <see cref="IPredicate{TRecord}"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for predicate types.</returns>
    public static bool IsPredicateType(Type type) => Implements(type, typeof(IPredicate<>));

    /// <summary>The Java class name Kafka uses for a built-in transform or predicate, e.g. <c>org.apache.kafka.connect.transforms.Cast$Value</c>.</summary>
    internal static string KafkaName(Type type)
    {
        var package = type.Namespace == typeof(TopicNameMatches<>).Namespace ? KafkaPredicatesPackage : KafkaTransformsPackage;
        return package + "." + SimpleName(type, '$');
    }

    /// <summary>The name without namespace, generic arity or record type, nested types joined with a separator: <c>Cast$Value</c>.</summary>
    internal static string SimpleName(Type type, char separator)
    {
        var name = StripArity(type.Name);
        return type.DeclaringType is { } outer ? SimpleName(outer, separator) + separator + name : name;
    }

    private static bool Implements(Type type, Type openInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private static IEnumerable<string> DotNetNames(Type type)
    {
        var prefix = string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".";
        if (type.FullName is { } fullName)
        {
            yield return fullName;
        }

        yield return prefix + SimpleName(type, '.');
        yield return prefix + SimpleName(type, '$');
        yield return SimpleName(type, '.');
        yield return SimpleName(type, '$');
    }

    private static TransformationRegistry CreateBuiltIns()
    {
        var registry = new TransformationRegistry();
        Type[] types =
        [
            typeof(Cast<>.Key), typeof(Cast<>.Value),
            typeof(DropHeaders<>),
            typeof(ExtractField<>.Key), typeof(ExtractField<>.Value),
            typeof(Filter<>),
            typeof(Flatten<>.Key), typeof(Flatten<>.Value),
            typeof(HeaderFrom<>.Key), typeof(HeaderFrom<>.Value),
            typeof(HoistField<>.Key), typeof(HoistField<>.Value),
            typeof(InsertField<>.Key), typeof(InsertField<>.Value),
            typeof(InsertHeader<>),
            typeof(MaskField<>.Key), typeof(MaskField<>.Value),
            typeof(RegexRouter<>),
            typeof(ReplaceField<>.Key), typeof(ReplaceField<>.Value),
            typeof(SetSchemaMetadata<>.Key), typeof(SetSchemaMetadata<>.Value),
            typeof(TimestampConverter<>.Key), typeof(TimestampConverter<>.Value),
            typeof(TimestampRouter<>),
            typeof(ValueToKey<>),
            typeof(HasHeaderKey<>), typeof(RecordIsTombstone<>), typeof(TopicNameMatches<>),
        ];
        foreach (var type in types)
        {
            registry.Add(type, KafkaName(type));
        }

        registry._readOnly = true;
        return registry;
    }
}
