using System.Text.Json;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Storage;

/// <summary>
/// Keeps offsets in a JSON file (<c>offset.storage.file.filename</c>). Every write goes to a temporary file that is
/// flushed to disk and then renamed over the old one, so a crash mid-write leaves the previous complete file.
/// </summary>
public sealed class FileOffsetBackingStore : MemoryOffsetBackingStore
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates a store on a file; nothing is read until <see cref="StartAsync"/>.</summary>
    /// <param name="path">The offsets file.</param>
    public FileOffsetBackingStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>The offsets file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        Dictionary<string, string>? data;
        try
        {
            var stream = File.OpenRead(FilePath);
            await using var disposeStream = stream.ConfigureAwait(false);
            data = await JsonSerializer.DeserializeAsync(stream, OffsetFileJsonContext.Relaxed.DictionaryStringString, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ConnectException(
                $"The offsets file {FilePath} is not valid JSON ({e.Message}). Restore it from a backup, or move it away to start without stored offsets.",
                e);
        }

        Load(data ?? []);
    }

    /// <inheritdoc />
    public override async Task SetAsync(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Apply(values);
            var snapshot = new Dictionary<string, string>(Snapshot(), StringComparer.Ordinal);
            var directory = Path.GetDirectoryName(FilePath)!;
            Directory.CreateDirectory(directory);
            var temporary = FilePath + ".tmp";
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, snapshot, OffsetFileJsonContext.Relaxed.DictionaryStringString, cancellationToken)
                    .ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writeLock.Dispose();
        }

        base.Dispose(disposing);
    }
}
