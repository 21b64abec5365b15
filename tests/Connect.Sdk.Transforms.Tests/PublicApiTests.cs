using System.Reflection;
using System.Runtime.CompilerServices;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// Keeps the public surface of Connect.Sdk.Transforms deliberate: a change to it must come with a change to
/// PublicApi.Transforms.txt next to this file (UPDATE_PUBLIC_API=1 rewrites it).
/// </summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicApi_MatchesApprovedListing()
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "PublicApi.Transforms.txt");
        var actual = Listing().ToArray();
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllLines(approvedPath, actual);
        }

        var approved = File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray();

        actual.Should().Equal(approved, "the public API changed; update {0} if the change is intended (UPDATE_PUBLIC_API=1). Actual listing:\n{1}", approvedPath, string.Join("\n", actual));
    }

    private static IEnumerable<string> Listing()
    {
        var types = typeof(TransformationChain<>).Assembly.GetExportedTypes()
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            yield return $"{Kind(type)} {type.FullName}";
            var members = type.GetMembers(Declared)
                .Where(IsVisible)
                .Where(m => m is not Type)
                .Select(m => "  " + Describe(m))
                .OrderBy(m => m, StringComparer.Ordinal);
            foreach (var member in members)
            {
                yield return member;
            }
        }
    }

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsAbstract: true } => "abstract class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static bool IsVisible(MemberInfo member) => member switch
    {
        ConstructorInfo constructor => IsVisible(constructor),
        MethodInfo method => IsVisible(method) && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        FieldInfo field => (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsSpecialName,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Describe(MemberInfo member)
    {
        if (member is PropertyInfo property)
        {
            var accessors = property.GetAccessors(nonPublic: true)
                .Where(IsVisible)
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => (a.IsPublic ? string.Empty : "protected ") + (a.Name.StartsWith("get_", StringComparison.Ordinal) ? "get;" : "set;"));
            return $"{(property.GetAccessors(nonPublic: true)[0].IsStatic ? "static " : string.Empty)}{property.Name} {{ {string.Join(" ", accessors)} }}: {property.PropertyType}";
        }

        var isStatic = member is MethodBase { IsStatic: true } or FieldInfo { IsStatic: true };
        var isProtected = member is MethodBase { IsPublic: false };
        return (isStatic ? "static " : string.Empty) + (isProtected ? "protected " : string.Empty) + member;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
