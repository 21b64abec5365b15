using System.Reflection;
using System.Runtime.CompilerServices;
using Connect.Sdk.Testing.Unit;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Testing.Tests;

/// <summary>
/// Keeps the public surface of Connect.Sdk.Testing and Connect.Sdk.Testing.Xunit deliberate: a change to it must come
/// with a change to PublicApi.txt next to this file. Run with CONNECT_SDK_UPDATE_PUBLIC_API=1 to rewrite the listing.
/// </summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicApi_TestingPackages_MatchApprovedListing()
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "PublicApi.txt");
        var actual = Listing().ToArray();
        if (Environment.GetEnvironmentVariable("CONNECT_SDK_UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllLines(approvedPath, actual);
        }

        var approved = File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray();
        actual.Should().Equal(approved, "the public API changed; update {0} if the change is intended. Actual listing:\n{1}", approvedPath, string.Join("\n", actual));
    }

    private static IEnumerable<string> Listing()
    {
        var types = new[] { typeof(SourceTaskHarness).Assembly, typeof(AcceptanceFactAttribute).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            yield return "type " + type.FullName;
            foreach (var member in type.GetMembers(Declared).Where(IsVisible).Select(m => "  " + Describe(m)).OrderBy(m => m, StringComparer.Ordinal))
            {
                yield return member;
            }
        }
    }

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
            return $"{property.Name} {{ {string.Join(" ", accessors)} }}: {property.PropertyType}";
        }

        return (member is MethodBase { IsPublic: false } ? "protected " : string.Empty) + member;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
