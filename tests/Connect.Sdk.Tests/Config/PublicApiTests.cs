using System.Reflection;
using System.Runtime.CompilerServices;
using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

/// <summary>
/// Keeps the public surface of <c>Connect.Sdk.Config</c> deliberate: a change to it must come with a change to
/// PublicApi.Config.txt next to this file.
/// </summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void PublicApi_ConfigNamespace_MatchesApprovedListing()
    {
        string approvedPath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "PublicApi.Config.txt");
        string[] approved = File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray();

        string[] actual = Listing().ToArray();

        actual.Should().Equal(approved, "the public API changed; update {0} if the change is intended. Actual listing:\n{1}", approvedPath, string.Join("\n", actual));
    }

    private static IEnumerable<string> Listing()
    {
        IEnumerable<Type> types = typeof(ConfigDef).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Connect.Sdk.Config")
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (Type type in types)
        {
            yield return "type " + type.Name;
            IEnumerable<string> members = type.GetMembers(Declared)
                .Where(IsVisible)
                .Select(m => "  " + Describe(m))
                .OrderBy(m => m, StringComparer.Ordinal);
            foreach (string member in members)
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
            IEnumerable<string> accessors = property.GetAccessors(nonPublic: true)
                .Where(IsVisible)
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => (a.IsPublic ? string.Empty : "protected ") + (a.Name.StartsWith("get_", StringComparison.Ordinal) ? "get;" : "set;"));
            return $"{property.Name} {{ {string.Join(" ", accessors)} }}: {property.PropertyType}";
        }

        bool isProtected = member is MethodBase { IsPublic: false };
        return (isProtected ? "protected " : string.Empty) + member;
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
