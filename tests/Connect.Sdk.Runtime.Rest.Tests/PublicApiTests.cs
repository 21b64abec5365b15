using System.Reflection;
using System.Runtime.CompilerServices;
using Connect.Sdk.Runtime.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>Keeps the public surface of the REST API, its server and the log levels deliberate: a change to it must
/// come with a change to PublicApi.Rest.txt next to this file.</summary>
public class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly string[] Namespaces = ["Connect.Sdk.Runtime.Rest", "Connect.Sdk.Runtime.Logging"];

    private static readonly Type[] ExtraTypes =
        [typeof(ConnectApiEndpointRouteBuilderExtensions), typeof(ConnectLoggingBuilderExtensions), typeof(ActiveTopicTracker)];

    [Fact]
    public void PublicApi_RestAndLogging_MatchesApprovedListing()
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "PublicApi.Rest.txt");
        var approved = File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray();

        var actual = Listing().ToArray();

        actual.Should().Equal(approved, "the public API changed; update {0} if the change is intended. Actual listing:\n{1}", approvedPath, string.Join("\n", actual));
    }

    private static IEnumerable<string> Listing()
    {
        var types = typeof(ConnectRestServer).Assembly.GetExportedTypes()
            .Where(t => Namespaces.Contains(t.Namespace) || ExtraTypes.Contains(t))
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
        MethodInfo method => (method.IsPublic || method.IsFamily) && !method.IsSpecialName,
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
