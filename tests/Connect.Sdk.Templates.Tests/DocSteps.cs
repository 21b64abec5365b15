using System.Text.RegularExpressions;

namespace Connect.Sdk.Templates.Tests;

/// <summary>
/// The shell blocks of a Markdown page that are marked for a test: a comment <c>&lt;!-- test: kind --&gt;</c>
/// right before a <c>```bash</c> block. Kinds: <c>variables</c> (<c>export NAME=…</c> lines whose values the test
/// supplies), <c>packed-by-fixture</c> (done once by <see cref="PackedPackages"/>), <c>step</c> (run, must
/// succeed), <c>background</c> (started, runs on while the next blocks run) and <c>while-background</c> (run
/// while the background block runs).
/// </summary>
internal sealed partial record DocStep(string Kind, string Script, int Line)
{
    public static IReadOnlyList<DocStep> Parse(string markdown)
    {
        var normalized = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        return [.. MarkedBlock().Matches(normalized).Select(m => new DocStep(
            m.Groups["kind"].Value,
            m.Groups["script"].Value,
            normalized[..m.Index].Count(c => c == '\n') + 1))];
    }

    /// <summary>The names a <c>variables</c> block exports.</summary>
    public IReadOnlyList<string> ExportedNames() =>
        [.. Script.Split('\n').Select(l => ExportLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    public override string ToString() => $"line {Line} ({Kind}):\n{Script}";

    [GeneratedRegex(@"^<!--\s*test:\s*(?<kind>[a-z-]+)\s*-->\n(?:\s*\n)*```bash\n(?<script>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"^export\s+([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex ExportLine();
}
