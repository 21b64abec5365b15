using System.Text;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>
/// Appends <c>value.ToString()</c> of each record as a line (<c>null</c> for a tombstone; a <see cref="Data.Struct"/>
/// prints as <c>Struct{field=value,…}</c>) to a file or standard output. Lines are buffered and written out in
/// <see cref="FlushAsync"/>, which the runtime calls before it commits offsets, so only flushed records are committed.
/// </summary>
public sealed class FileStreamSinkTask : SinkTask
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private string? _filename;
    private StreamWriter? _writer;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <summary>Each record is written out during <see cref="PutAsync"/> and none is kept, so the worker may reuse them.</summary>
    public override bool KeepsRecordsAfterPut => false;

    /// <summary>Opens the file for appending, creating it when needed.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">The file cannot be opened or created.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _filename = new FileStreamSinkConfig(config).File;
        if (_filename is null)
        {
            _writer = new StreamWriter(Console.OpenStandardOutput(), Utf8, bufferSize: -1, leaveOpen: true);
            return;
        }

        try
        {
            var stream = File.Open(_filename, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.Read,
            });
            _writer = new StreamWriter(stream, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectException($"Could not open or create the file '{_filename}' to write to: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writer = Writer;
        try
        {
            foreach (var record in records)
            {
                await writer.WriteLineAsync((record.Value?.ToString() ?? "null").AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException e)
        {
            throw new ConnectException($"Could not write to {Describe()}: {e.Message}", e);
        }
    }

    /// <summary>Writes the buffered lines out, so the offsets the runtime commits next only cover written records.</summary>
    /// <param name="currentOffsets">The offsets about to be committed.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the lines have been written.</returns>
    public override async ValueTask FlushAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken)
    {
        try
        {
            await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ConnectException($"Could not flush {Describe()}: {e.Message}", e);
        }
    }

    /// <summary>Flushes and closes the file (standard output is only flushed).</summary>
    public override void Stop()
    {
        var writer = _writer;
        _writer = null;
        writer?.Dispose();
    }

    private StreamWriter Writer => _writer ?? throw new InvalidOperationException("The task has not been started or has been stopped.");

    private string Describe() => _filename ?? "standard output";
}
