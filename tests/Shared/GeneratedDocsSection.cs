namespace Connect.Sdk.TestSupport;

/// <summary>
/// A docs page section generated from code: the text between <c>&lt;!-- BEGIN GENERATED REFERENCE …</c> and
/// <c>&lt;!-- END GENERATED REFERENCE --&gt;</c> must equal what the test generates.
/// </summary>
/// <remarks>Run the tests with <c>UPDATE_DOCS=1</c> to rewrite the sections, then review their diff.</remarks>
internal static class GeneratedDocsSection
{
    private const string BeginMarker = "<!-- BEGIN GENERATED REFERENCE";
    private const string EndMarker = "<!-- END GENERATED REFERENCE -->";
    private const string UpdateVariable = "UPDATE_DOCS";

    /// <summary>Checks the page's generated section against <paramref name="generated"/>, or rewrites it with
    /// <c>UPDATE_DOCS=1</c>.</summary>
    /// <param name="page">The page's file name in <c>docs</c>.</param>
    /// <param name="generated">The section's text as the code generates it.</param>
    /// <param name="refreshCommand">The command that refreshes the page, for the failure message.</param>
    public static void ShouldMatch(string page, string generated, string refreshCommand)
    {
        var path = RepositoryFiles.DocsPage(page);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        begin.Should().BeGreaterThanOrEqualTo(0, "docs/{0} must contain the generated-reference markers", page);
        end.Should().BeGreaterThan(begin, "docs/{0}'s end marker must follow its begin marker", page);
        var afterBegin = text.IndexOf('\n', begin) + 1;
        var current = text[afterBegin..end];

        if (current != generated && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, text[..afterBegin] + generated + text[end..]);
            return;
        }

        current.Should().Be(generated, "docs/{0} is generated from the code; refresh it with: {1}=1 {2}", page, UpdateVariable, refreshCommand);
    }
}
