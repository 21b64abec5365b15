namespace Connect.Sdk.Runtime.Rest.Tests.Support;

/// <summary>A fact that is skipped, with the reason printed, when a command-line tool it needs is not on PATH
/// (eng/bootstrap.sh installs them).</summary>
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !OnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(" and ", missing)} not installed (eng/bootstrap.sh installs them: apt-get install {string.Join(' ', missing)})";
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));
}
