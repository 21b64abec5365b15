using System.Text.RegularExpressions;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Tests.Docs;

/// <summary>
/// Keeps the code in docs/*.md compiled: a code block preceded by <c>&lt;!-- snippet: path#region --&gt;</c> must equal
/// that <c>#region</c> of the named file (relative to the repository root), which is part of a test or sample build,
/// and every C# block must have such a marker. A block preceded by <c>&lt;!-- file: path --&gt;</c> must equal the
/// whole file, for example a properties file that the samples or tests use.
/// </summary>
public partial class DocSnippetTests
{
    public static TheoryData<string, string, string> Snippets()
    {
        var data = new TheoryData<string, string, string>();
        var docs = Path.Combine(RepositoryFiles.Root, "docs");
        foreach (var page in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories))
        {
            foreach (Match match in SnippetBlock().Matches(File.ReadAllText(page)))
            {
                data.Add(Path.GetRelativePath(RepositoryFiles.Root, page), match.Groups["source"].Value, match.Groups["code"].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_MatchesCompiledSource(string page, string source, string code)
    {
        var parts = source.Split('#');
        var file = Path.Combine(RepositoryFiles.Root, parts[0]);
        File.Exists(file).Should().BeTrue($"{page} quotes {parts[0]}, which must exist");
        var region = ExtractRegion(File.ReadAllText(file), parts[1]);

        Normalize(code).Should().Be(Normalize(region), $"{page} must quote region '{parts[1]}' of {parts[0]} exactly; copy it again");
    }

    [Fact]
    public void Docs_HaveSnippets() => Snippets().Count().Should().BeGreaterThan(0);

    [Fact]
    public void CSharpBlocks_AllQuoteCompiledSource()
    {
        var unmarked = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(page).ReplaceLineEndings("\n");
            foreach (Match block in CSharpBlock().Matches(text))
            {
                if (!SnippetMarker().IsMatch(text[..block.Index]))
                {
                    unmarked.Add($"{Path.GetRelativePath(RepositoryFiles.Root, page)} line {text[..block.Index].Count(c => c == '\n') + 1}");
                }
            }
        }

        unmarked.Should().BeEmpty("C# in the docs must be a region of a compiled file, quoted with <!-- snippet: path#region -->");
    }

    public static TheoryData<string, string, string> FileQuotes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var page in Pages())
        {
            foreach (Match match in FileBlock().Matches(File.ReadAllText(page).ReplaceLineEndings("\n")))
            {
                data.Add(Path.GetRelativePath(RepositoryFiles.Root, page), match.Groups["source"].Value, match.Groups["code"].Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FileQuotes))]
    public void FileQuote_MatchesTheFile(string page, string source, string code)
    {
        var file = Path.Combine(RepositoryFiles.Root, source);
        File.Exists(file).Should().BeTrue($"{page} quotes {source}, which must exist");

        Normalize(code).Should().Be(Normalize(File.ReadAllText(file)), $"{page} must quote {source} exactly; copy it again");
    }

    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "docs"), "*.md", SearchOption.AllDirectories);

    private static string ExtractRegion(string text, string name)
    {
        var match = Regex.Match(text, $@"#region {Regex.Escape(name)}\r?\n(?<body>.*?)\r?\n\s*#endregion", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"region '{name}' must exist");
        return match.Groups["body"].Value;
    }

    private static string Normalize(string code) => string.Join('\n', code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();

    [GeneratedRegex(@"<!--\s*snippet:\s*(?<source>[^\s]+)\s*-->\s*```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetBlock();

    [GeneratedRegex(@"<!--\s*file:\s*(?<source>[^\s]+)\s*-->\s*```[a-z]*\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FileBlock();

    [GeneratedRegex(@"^```csharp\s*$", RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"<!--\s*snippet:\s*[^\s]+\s*-->\s*$")]
    private static partial Regex SnippetMarker();
}
