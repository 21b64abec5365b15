using System.ComponentModel;
using System.Reflection;
using System.Text;
using Connect.Sdk.Source;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// Keeps docs/transforms.md honest: its reference section is generated from the ConfigDefs (run the tests with
/// UPDATE_DOCS=1 to rewrite it), and its examples are built and run.
/// </summary>
public class DocsTests
{
    [Fact]
    public void Reference_MatchesTheConfigDefs() =>
        GeneratedDocsSection.ShouldMatch(
            "transforms.md",
            GenerateReference(),
            "dotnet test tests/Connect.Sdk.Transforms.Tests --filter FullyQualifiedName~DocsTests");

    [Fact]
    public void Examples_BuildAndRun()
    {
        var examples = ExampleConfigs();
        examples.Should().HaveCount(4);
        foreach (var config in examples)
        {
            using var chain = TransformationChainFactory.Default.Create<SourceRecord>(config);
            chain.Stages.Should().HaveCount(config["transforms"].Split(',').Length);
            TransformationChainFactory.Default.CreateConfigDef<SourceRecord>(config).Validate(config)
                .SelectMany(v => v.ErrorMessages).Should().BeEmpty();
        }

        using var dropAndRoute = TransformationChainFactory.Default.Create<SourceRecord>(examples[3]);
        dropAndRoute.Apply(Records.Value(null, null, "prod-orders")).Should().BeNull();
        dropAndRoute.Apply(Records.Value(null, "v", "prod-orders"))!.Topic.Should().Be("orders");
    }

    internal static string GenerateReference()
    {
        var text = new StringBuilder();
        text.Append("\n## Reference\n\n");
        text.Append("The keys of each transform and predicate, generated from their `ConfigDef`s. In a connector config they are prefixed with\n");
        text.Append("`transforms.<alias>.` or `predicates.<alias>.`.\n\n");

        text.Append("### Chain keys\n\n");
        var chainConfig = new Dictionary<string, string>
        {
            ["transforms"] = "{alias}",
            ["transforms.{alias}.type"] = string.Empty,
            ["predicates"] = "{predicate}",
        };
        text.Append(TransformationChainFactory.Default.CreateConfigDef<SourceRecord>(chainConfig).ToMarkdown()).Append('\n');

        var groups = TransformationRegistry.BuiltIns.Types
            .GroupBy(t => t.DeclaringType ?? t)
            .OrderBy(g => TransformationRegistry.IsPredicateType(g.First()))
            .ThenBy(g => TransformationRegistry.SimpleName(g.Key, '$'), StringComparer.Ordinal);
        var predicatesStarted = false;
        text.Append("### Transforms\n\n");
        foreach (var group in groups)
        {
            var isPredicate = TransformationRegistry.IsPredicateType(group.First());
            if (isPredicate && !predicatesStarted)
            {
                text.Append("### Predicates\n\n");
                predicatesStarted = true;
            }

            var name = TransformationRegistry.SimpleName(group.Key, '$');
            text.Append("#### ").Append(name).Append("\n\n");
            text.Append(group.Key.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty).Append("\n\n");
            text.Append("Class names: ").AppendJoin(", ", group.Select(t => "`" + TransformationRegistry.KafkaName(t) + "`")).Append("  \n");
            text.Append(".NET types: ").AppendJoin(", ", group.Select(t => "`" + DotNetName(t) + "`")).Append("\n\n");

            var closed = TransformationRegistry.Close(group.First(), typeof(SourceRecord))!;
            using var instance = (IDisposable)Activator.CreateInstance(closed)!;
            var definition = instance is ITransformation<SourceRecord> transformation
                ? transformation.Config
                : ((IPredicate<SourceRecord>)instance).Config;
            text.Append(definition.ConfigKeys.Count == 0 ? "No settings.\n" : definition.ToMarkdown()).Append('\n');
        }

        return text.ToString();
    }

    private static string DotNetName(Type type)
    {
        var name = TransformationRegistry.SimpleName(type, '.');
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? name + "<TRecord>" : name[..dot] + "<TRecord>" + name[dot..];
    }

    private static List<Dictionary<string, string>> ExampleConfigs()
    {
        var text = File.ReadAllText(RepositoryFiles.DocsPage("transforms.md")).ReplaceLineEndings("\n");
        var start = text.IndexOf("\n## Examples", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = text[start..end];
        var configs = new List<Dictionary<string, string>>();
        var position = 0;
        while ((position = section.IndexOf("```properties\n", position, StringComparison.Ordinal)) >= 0)
        {
            var blockStart = position + "```properties\n".Length;
            var blockEnd = section.IndexOf("```", blockStart, StringComparison.Ordinal);
            var config = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in section[blockStart..blockEnd].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var equals = line.IndexOf('=', StringComparison.Ordinal);
                config[line[..equals].Trim()] = line[(equals + 1)..].TrimStart();
            }

            configs.Add(config);
            position = blockEnd + 3;
        }

        return configs;
    }
}
