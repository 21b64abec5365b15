namespace Connect.Sdk.TestSupport;

/// <summary>Where the repository's own files are, for tests that read docs, samples or scripts.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the first folder above the test's output that holds <c>Connect.Sdk.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a page in the <c>docs</c> folder.</summary>
    /// <param name="page">The page's file name, e.g. <c>configuration.md</c>.</param>
    /// <returns>The path.</returns>
    public static string DocsPage(string page) => Path.Combine(Root, "docs", page);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connect.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Connect.Sdk.sln not found above the test folder.");
    }
}
