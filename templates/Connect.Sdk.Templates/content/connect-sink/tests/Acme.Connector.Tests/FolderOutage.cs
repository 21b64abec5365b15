namespace Acme.Connector.Tests;

/// <summary>Makes a folder unavailable until disposed: the folder is moved away and a file takes its place, so
/// writing into it fails with an IOException, as a full disk or a lost network share would (even for root, whom
/// permissions do not stop).</summary>
public sealed class FolderOutage : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _away;

    private FolderOutage(string folder)
    {
        _folder = folder;
        _away = folder + ".away";
    }

    public static async Task<FolderOutage> StartAsync(string folder)
    {
        var outage = new FolderOutage(folder);
        Directory.Move(folder, outage._away);
        await File.WriteAllTextAsync(folder, "not a folder");
        return outage;
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_folder);
        Directory.Move(_away, _folder);
        return ValueTask.CompletedTask;
    }
}
