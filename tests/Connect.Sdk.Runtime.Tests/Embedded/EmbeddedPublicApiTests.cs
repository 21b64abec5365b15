using System.Reflection;
using System.Runtime.CompilerServices;
using Connect.Sdk.Runtime.Embedded;

namespace Connect.Sdk.Runtime.Tests.Embedded;

/// <summary>Keeps the public surface of the embedded engine deliberate: a change to it must come with a change to
/// PublicApi.Embedded.txt next to this file. Run with CONNECT_SDK_UPDATE_PUBLIC_API=1 to rewrite the listing.</summary>
public class EmbeddedPublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicApi_Embedded_MatchesApprovedListing()
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "PublicApi.Embedded.txt");
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
        var types = typeof(EmbeddedEngine).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(EmbeddedEngine).Namespace)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            yield return $"type {type.FullName}";
            foreach (var member in type.GetMembers(Declared).Where(IsPublic).Select(m => "  " + Describe(m)).Order(StringComparer.Ordinal))
            {
                yield return member;
            }
        }
    }

    private static bool IsPublic(MemberInfo member) => member switch
    {
        ConstructorInfo constructor => constructor.IsPublic || constructor.IsFamily,
        MethodInfo method => (method.IsPublic || method.IsFamily) && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)),
        PropertyInfo property => property.GetAccessors(nonPublic: false).Length > 0,
        FieldInfo field => field.IsPublic && !field.IsSpecialName,
        Type nested => nested.IsNestedPublic,
        _ => false,
    };

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo property => $"{property.Name} {{ {string.Join(" ", property.GetAccessors().Select(a => a.Name[..3] + ";").Order(StringComparer.Ordinal))} }}: {property.PropertyType}",
        _ => member.ToString() ?? member.Name,
    };

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
