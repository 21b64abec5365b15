using System.Reflection;

namespace Connect.Sdk.Avro.Tests;

// Keeps the public surface deliberate: a change to it shows up as a diff of PublicApi.approved.txt. To accept a change,
// run with UPDATE_PUBLIC_API=1 and review the file's diff.
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedListing()
    {
        var actual = Listing(typeof(AvroConverter).Assembly);
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            var source = Path.Combine(FindProjectDirectory(), "PublicApi.approved.txt");
            File.WriteAllText(source, actual);
        }

        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");

        actual.Should().Be(approved, "the public API changed; if intended, update PublicApi.approved.txt");
    }

    private static string Listing(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {type.FullName}{BaseTypes(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Where(m => !IsCompilerGenerated(m))
                .Select(m => "  " + Describe(m))
                .OrderBy(s => s, StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name is "<Clone>$" or "EqualityContract" || member.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null && member is MethodInfo;

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        _ when type.GetMethod("<Clone>$") is not null => "record",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string BaseTypes(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(Enum) && baseType != typeof(ValueType))
        {
            bases.Add(baseType.FullName!);
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic).Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{m.ReturnType.Name} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{p.PropertyType.Name} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
        FieldInfo f when f.IsLiteral => $"const {f.FieldType.Name} {f.Name} = {f.GetRawConstantValue()}",
        FieldInfo f => $"{(f.IsStatic ? "static " : string.Empty)}{f.FieldType.Name} {f.Name}",
        EventInfo e => $"event {e.EventHandlerType?.Name} {e.Name}",
        Type t => $"nested {t.Name}",
        _ => member.ToString() ?? member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string FindProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connect.Sdk.Avro.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the test project directory.");
    }
}
