using System.Reflection;
using System.Runtime.CompilerServices;

namespace Connect.Sdk.TestSupport;

/// <summary>
/// Lists a public surface, a line per type and per public or protected member in a stable order, and compares it with
/// an approved listing kept next to the test, so that every change to the API shows up as a reviewed diff.
/// </summary>
/// <remarks>Run the tests with <c>CONNECT_SDK_UPDATE_PUBLIC_API=1</c> to rewrite the approved listings, then review
/// their diff.</remarks>
internal static class PublicApiListing
{
    private const string UpdateVariable = "CONNECT_SDK_UPDATE_PUBLIC_API";

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Checks the listing of <paramref name="types"/> against the approved file.</summary>
    /// <param name="types">The public types to list.</param>
    /// <param name="approvedFileName">The approved listing's file name, in the directory of the calling test's source.</param>
    /// <param name="callerPath">Filled in by the compiler.</param>
    public static void ShouldMatchApproved(IEnumerable<Type> types, string approvedFileName, [CallerFilePath] string callerPath = "")
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(callerPath)!, approvedFileName);
        var actual = Of(types);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllLines(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray() : [];

        actual.Should().Equal(
            approved,
            "the public API changed; if that is intended, run the tests with {0}=1 and review the diff of {1}. Actual listing:\n{2}",
            UpdateVariable,
            approvedPath,
            string.Join("\n", actual));
    }

    /// <summary>The listing of <paramref name="types"/>, sorted by full name.</summary>
    /// <param name="types">The public types to list.</param>
    /// <returns>One line per type, followed by its members indented by two spaces.</returns>
    public static IReadOnlyList<string> Of(IEnumerable<Type> types)
    {
        var lines = new List<string>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {type.FullName}{BaseTypes(type)}");
            lines.AddRange(type.GetMembers(Declared)
                .Where(m => IsVisible(type, m))
                .Select(m => "  " + Describe(type, m))
                .Order(StringComparer.Ordinal));
        }

        return lines;
    }

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
        { IsValueType: true } when IsRecord(type) => "record struct",
        { IsValueType: true } => "struct",
        _ when IsRecord(type) => type.IsSealed ? "sealed record" : "record",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static string BaseTypes(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum)
            && baseType != typeof(MulticastDelegate))
        {
            bases.Add(Name(baseType));
        }

        // An enum's interfaces are System.Enum's, the same for every enum.
        bases.AddRange(type.GetInterfaces()
            .Where(i => !type.IsEnum && (i.IsPublic || i.IsNestedPublic))
            .Select(Name)
            .Order(StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static bool IsVisible(Type type, MemberInfo member) => member switch
    {
        _ when member.IsDefined(typeof(CompilerGeneratedAttribute)) && member is MethodInfo => false,
        ConstructorInfo constructor => (constructor.IsPublic || constructor.IsFamily || constructor.IsFamilyOrAssembly) && !type.IsEnum,
        MethodInfo method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly)
            && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisibleAccessor) && property.Name != "EqualityContract",
        EventInfo e => e.AddMethod is { } add && IsVisibleAccessor(add),
        FieldInfo field => (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsSpecialName,
        _ => false, // nested types are listed as types of their own
    };

    private static bool IsVisibleAccessor(MethodInfo accessor) => accessor.IsPublic || accessor.IsFamily || accessor.IsFamilyOrAssembly;

    private static string Describe(Type type, MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Access(c)}ctor({Parameters(c)})",
        MethodInfo m => $"{Access(m)}{Modifiers(type, m)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
        PropertyInfo p => $"{Access(MostVisible(p))}{Modifiers(type, MostVisible(p))}{Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {Accessors(p)}}}",
        EventInfo e => $"{Access(e.AddMethod!)}{Modifiers(type, e.AddMethod!)}event {Name(e.EventHandlerType!)} {e.Name}",
        FieldInfo f when type.IsEnum => $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
        FieldInfo f when f.IsLiteral => $"{Access(f)}const {Name(f.FieldType)} {f.Name} = {Literal(f.GetRawConstantValue())}",
        FieldInfo f => $"{Access(f)}{(f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        _ => member.ToString() ?? member.Name,
    };

    private static string Access(MethodBase method) => method.IsPublic ? string.Empty : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? string.Empty : "protected ";

    private static string Modifiers(Type type, MethodInfo method)
    {
        if (method.IsStatic)
        {
            return "static ";
        }

        if (type.IsInterface)
        {
            return method.IsAbstract ? string.Empty : "default ";
        }

        if (method.GetBaseDefinition().DeclaringType != method.DeclaringType)
        {
            return method.IsFinal ? "sealed override " : "override ";
        }

        return method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty;
    }

    /// <summary>The accessor that gives the property its access: a public one if there is one.</summary>
    private static MethodInfo MostVisible(PropertyInfo property) =>
        property.GetAccessors(nonPublic: true).Where(IsVisibleAccessor).OrderBy(a => a.IsPublic ? 0 : 1).First();

    /// <summary>The visible accessors; one is marked <c>protected</c> only when the property itself is public.</summary>
    private static string Accessors(PropertyInfo property)
    {
        var isPublic = MostVisible(property).IsPublic;
        var accessors = string.Empty;
        if (property.GetMethod is { } getter && IsVisibleAccessor(getter))
        {
            accessors += (isPublic && !getter.IsPublic ? "protected " : string.Empty) + "get; ";
        }

        if (property.SetMethod is { } setter && IsVisibleAccessor(setter))
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            accessors += (isPublic && !setter.IsPublic ? "protected " : string.Empty) + (isInit ? "init; " : "set; ");
        }

        return accessors;
    }

    private static string Indexer(PropertyInfo property) =>
        property.GetIndexParameters() is { Length: > 0 } parameters
            ? "[" + string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}")) + "]"
            : string.Empty;

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase method)
    {
        var parameters = method.GetParameters().Select(Parameter).ToArray();
        if (parameters.Length > 0 && method.IsDefined(typeof(ExtensionAttribute)))
        {
            parameters[0] = "this " + parameters[0];
        }

        return string.Join(", ", parameters);
    }

    private static string Parameter(ParameterInfo parameter)
    {
        var prefix = parameter switch
        {
            { IsOut: true } => "out ",
            _ when parameter.ParameterType.IsByRef && parameter.IsIn => "in ",
            _ when parameter.ParameterType.IsByRef => "ref ",
            _ when parameter.IsDefined(typeof(ParamArrayAttribute)) => "params ",
            _ => string.Empty,
        };
        var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        var defaultValue = parameter.HasDefaultValue ? " = " + Literal(parameter.DefaultValue) : string.Empty;
        return $"{prefix}{Name(type)} {parameter.Name}{defaultValue}";
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    /// <summary>A type's name as C# writes it, without namespaces: <c>IReadOnlyDictionary&lt;String, Object&gt;</c>, <c>Int64?</c>.</summary>
    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        // A nested type of a generic type repeats its parent's arguments; show only its own.
        var arguments = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? name : name[..tick];
        return arguments.Length == 0 ? bare : $"{bare}<{string.Join(", ", arguments.Select(Name))}>";
    }
}
