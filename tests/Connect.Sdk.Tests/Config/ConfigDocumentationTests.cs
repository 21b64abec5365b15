using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

public class ConfigDocumentationTests
{
    private static ConfigDef SampleDefinition() => new ConfigDef()
        .Define("opt1", ConfigType.String, "a", ValidString.In("a", "b", "c"), Importance.High, "docs1")
        .Define("opt2", ConfigType.Int, Importance.Medium, "docs2")
        .Define("opt3", ConfigType.List, new[] { "a", "b" }, Importance.Low, "docs3");

    [Fact]
    public void ToRst_ListsRequiredKeysFirstThenByImportance()
    {
        const string expected =
            "``opt2``\n" +
            "  docs2\n" +
            "\n" +
            "  * Type: int\n" +
            "  * Importance: medium\n" +
            "\n" +
            "``opt1``\n" +
            "  docs1\n" +
            "\n" +
            "  * Type: string\n" +
            "  * Default: a\n" +
            "  * Valid Values: [a, b, c]\n" +
            "  * Importance: high\n" +
            "\n" +
            "``opt3``\n" +
            "  docs3\n" +
            "\n" +
            "  * Type: list\n" +
            "  * Default: a,b\n" +
            "  * Importance: low\n" +
            "\n";

        SampleDefinition().ToRst().Should().Be(expected);
    }

    [Fact]
    public void ToEnrichedRst_AddsGroupHeadingsAndDependents()
    {
        var def = new ConfigDef()
            .Define("conn.url", ConfigType.String, Importance.High, "URL.", "Connection", 0, Width.Long, "URL", ["conn.user"])
            .Define("conn.user", ConfigType.String, "admin", Importance.Medium, "User.", "Connection", 1, Width.Short, "User")
            .Define("loose", ConfigType.Boolean, false, Importance.Low, "Not grouped.");

        const string expected =
            "``loose``\n" +
            "  Not grouped.\n" +
            "\n" +
            "  * Type: boolean\n" +
            "  * Default: false\n" +
            "  * Importance: low\n" +
            "\n" +
            "Connection\n" +
            "^^^^^^^^^^\n" +
            "\n" +
            "``conn.url``\n" +
            "  URL.\n" +
            "\n" +
            "  * Type: string\n" +
            "  * Importance: high\n" +
            "  * Dependents: ``conn.user``\n" +
            "\n" +
            "``conn.user``\n" +
            "  User.\n" +
            "\n" +
            "  * Type: string\n" +
            "  * Default: admin\n" +
            "  * Importance: medium\n" +
            "\n";

        def.ToEnrichedRst().Should().Be(expected);
    }

    [Fact]
    public void ToMarkdown_WritesHeaderAndOneRowPerKeyInDocumentationOrder()
    {
        string[] lines = SampleDefinition().ToMarkdown().Split('\n');

        lines.Should().Equal(
            "| Name | Description | Type | Default | Valid Values | Importance |",
            "|---|---|---|---|---|---|",
            "| `opt2` | docs2 | int |  |  | medium |",
            "| `opt1` | docs1 | string | a | [a, b, c] | high |",
            "| `opt3` | docs3 | list | a,b |  | low |",
            string.Empty);
    }

    [Fact]
    public void ToMarkdown_SortsByName_WithinSameImportance()
    {
        var def = new ConfigDef()
            .Define("zeta", ConfigType.Int, 1, Importance.High, "z")
            .Define("alpha", ConfigType.Int, 1, Importance.High, "a")
            .Define("beta", ConfigType.Int, 1, Importance.Low, "b")
            .Define("omega", ConfigType.Int, Importance.Low, "o");

        def.ToMarkdown().Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(" | ")[0])
            .Should().Equal("| `omega`", "| `alpha`", "| `zeta`", "| `beta`");
    }

    [Fact]
    public void ToMarkdown_ShowsSpecialDefaultsAsKafkaDoes()
    {
        var def = new ConfigDef()
            .Define("secret", ConfigType.Password, "hunter2", Importance.High, "A secret.")
            .Define("empty", ConfigType.String, string.Empty, Importance.High, "Empty.")
            .Define("nothing", ConfigType.String, null, Importance.High, "Null.")
            .Define("ratio", ConfigType.Double, 1, Importance.High, "Ratio.")
            .Define("flag", ConfigType.Boolean, true, Importance.High, "Flag.")
            .Define("retry.backoff.ms", ConfigType.Long, 60000L, Importance.High, "Backoff.")
            .Define("buffer.bytes", ConfigType.Int, 1048576, Importance.High, "Buffer.")
            .Define("odd.ms", ConfigType.Long, 1500L, Importance.High, "Odd.");

        string markdown = def.ToMarkdown();

        markdown.Should().NotContain("hunter2");
        markdown.Should().Contain("| `secret` | A secret. | password | [hidden] |  | high |");
        markdown.Should().Contain("| `empty` | Empty. | string | \"\" |  | high |");
        markdown.Should().Contain("| `nothing` | Null. | string | null |  | high |");
        markdown.Should().Contain("| `ratio` | Ratio. | double | 1.0 |  | high |");
        markdown.Should().Contain("| `flag` | Flag. | boolean | true |  | high |");
        markdown.Should().Contain("| `retry.backoff.ms` | Backoff. | long | 60000 (1 minute) |  | high |");
        markdown.Should().Contain("| `buffer.bytes` | Buffer. | int | 1048576 (1 mebibyte) |  | high |");
        markdown.Should().Contain("| `odd.ms` | Odd. | long | 1500 |  | high |");
    }

    [Fact]
    public void ToRst_PasswordDefault_IsHidden()
    {
        string rst = new ConfigDef().Define("secret", ConfigType.Password, "hunter2", Importance.High, "A secret.").ToRst();

        rst.Should().Contain("  * Default: [hidden]\n").And.NotContain("hunter2");
    }

    [Fact]
    public void ToMarkdown_EscapesPipesAndLineBreaks()
    {
        string markdown = new ConfigDef()
            .Define("a", ConfigType.String, "x|y", Importance.High, "First line.\nSecond | line.")
            .ToMarkdown();

        markdown.Should().Contain("| `a` | First line.<br>Second \\| line. | string | x\\|y |  | high |");
    }

    [Fact]
    public void ToMarkdown_GroupedKeys_FollowGroupOrderAndOrderInGroup()
    {
        var def = new ConfigDef()
            .Define("g2.b", ConfigType.Int, 1, Importance.High, "d", "Two", 2)
            .Define("g1.a", ConfigType.Int, 1, Importance.High, "d", "One", 1)
            .Define("g2.a", ConfigType.Int, 1, Importance.Low, "d", "Two", 1)
            .Define("free", ConfigType.Int, 1, Importance.Low, "d");

        def.ToMarkdown().Split('\n').Skip(2).Where(l => l.Length > 0).Select(l => l.Split(" | ")[0])
            .Should().Equal("| `free`", "| `g2.a`", "| `g2.b`", "| `g1.a`");
    }

    [Theory]
    [InlineData(1024L, " (1 kibibyte)")]
    [InlineData(2048L, " (2 kibibytes)")]
    [InlineData(1073741824L, " (1 gibibyte)")]
    [InlineData(1000L, "")]
    [InlineData(0L, "")]
    public void ReadableBytes_MatchesKafka(long bytes, string expected) =>
        ConfigDef.ReadableBytes(bytes).Should().Be(expected);

    [Theory]
    [InlineData(1000L, " (1 second)")]
    [InlineData(300000L, " (5 minutes)")]
    [InlineData(3600000L, " (1 hour)")]
    [InlineData(604800000L, " (7 days)")]
    [InlineData(999L, "")]
    public void ReadableMilliseconds_MatchesKafka(long milliseconds, string expected) =>
        ConfigDef.ReadableMilliseconds(milliseconds).Should().Be(expected);
}
