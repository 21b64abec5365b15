using System.Xml.Linq;

namespace Connect.Sdk.Templates.Tests;

/// <summary>The counts and test names of a .trx file that <c>dotnet test --logger trx</c> wrote.</summary>
internal sealed record TestResults(int Total, int Passed, int Failed, int NotExecuted, IReadOnlyList<(string Name, string Outcome)> Results)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestResults Read(string trxFile)
    {
        var document = XDocument.Load(trxFile);
        var counters = document.Descendants(Trx + "Counters").Single();
        int Count(string name) => (int?)counters.Attribute(name) ?? 0;
        var results = document.Descendants(Trx + "UnitTestResult")
            .Select(r => ((string?)r.Attribute("testName") ?? "", (string?)r.Attribute("outcome") ?? ""))
            .ToList();
        return new TestResults(
            Count("total"),
            Count("passed"),
            Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            Count("notExecuted"),
            results);
    }

    public override string ToString() => $"{Total} tests: {Passed} passed, {Failed} failed, {NotExecuted} not executed";
}
