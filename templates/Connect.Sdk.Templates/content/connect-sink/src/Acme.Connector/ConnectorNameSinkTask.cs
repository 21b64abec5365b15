using System.Text;
using Connect.Sdk;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Acme.Connector;

/// <summary>
/// Appends each record as a line of JSON to the file of its topic partition, <c>&lt;topic&gt;-&lt;partition&gt;.jsonl</c>.
/// <see cref="PutAsync"/> only buffers; <see cref="FlushAsync"/>, which the runtime calls before it commits consumer
/// offsets, writes the buffer and syncs it to disk, and <see cref="PreCommitAsync"/> approves exactly the offsets that
/// are in the files. Each line holds its record's offset, so a record delivered again (after a failure, a rebalance
/// or a crash before the commit) is recognized and written once.
/// </summary>
public sealed class ConnectorNameSinkTask : SinkTask
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Dictionary<TopicPartition, List<(long Offset, string? Line)>> _buffers = [];
    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private readonly HashSet<TopicPartition> _unsure = [];
    private ConnectorNameSinkConfig? _config;

    /// <inheritdoc />
    public override string Version => ConnectorVersion.Value;

    /// <summary>
    /// <see cref="PutAsync"/> buffers lines, not records, so the worker may reuse the records it hands over. Return
    /// <see langword="true"/> (or remove this) if the task ever keeps a <see cref="SinkRecord"/> after the call.
    /// </summary>
    public override bool KeepsRecordsAfterPut => false;

    /// <summary>Parses the configuration and creates the output folder.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Connect.Sdk.Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">The output folder cannot be created.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _config = new ConnectorNameSinkConfig(config);
        try
        {
            Directory.CreateDirectory(_config.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectException(
                $"Could not create the output folder '{_config.OutputDirectory}': {e.Message}. Fix '{ConnectorNameSinkConfig.OutputDirectoryConfig}' or the folder's permissions.",
                e);
        }
    }

    /// <summary>Reads how far each newly assigned partition's file goes, and asks the consumer to continue there.</summary>
    /// <param name="partitions">The partitions assigned to this task.</param>
    /// <exception cref="ConnectException">A file cannot be read.</exception>
    public override void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            _buffers.Remove(partition);
            if (ReadNextOffset(partition) is { } next)
            {
                _nextOffsets[partition] = next;
                Context.Offset(partition, next); // skip what the files already hold
            }
        }
    }

    /// <summary>Buffers the records as JSON lines, skipping those already written or buffered.</summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancelled when the task stops.</param>
    /// <returns>A task that completes when the records are buffered.</returns>
    /// <exception cref="DataException">A record cannot be written as JSON and the connector has no dead letter queue
    /// (<c>errors.tolerance=all</c> with <c>errors.deadletterqueue.topic.name</c>): the task fails.</exception>
    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var config = _config ?? throw new InvalidOperationException("The task has not been started.");
        foreach (var record in records)
        {
            var partition = record.OriginalTopicPartition;
            if (!_buffers.TryGetValue(partition, out var buffer))
            {
                _buffers[partition] = buffer = [];
            }

            var next = buffer.Count > 0 ? buffer[^1].Offset + 1 : _nextOffsets.GetValueOrDefault(partition);
            if (record.OriginalKafkaOffset < next)
            {
                continue; // delivered again: already written or buffered
            }

            string? line;
            try
            {
                line = RecordJson.ToLine(record, config.IncludeKey);
            }
            catch (DataException e) when (Context.ErrantRecordReporter is { } reporter)
            {
                // The runtime sends it to the dead letter queue (or fails the task, as errors.tolerance says).
                await reporter.ReportAsync(record, e, cancellationToken).ConfigureAwait(false);
                line = null;
            }

            buffer.Add((record.OriginalKafkaOffset, line));
        }
    }

    /// <summary>Writes the buffered lines to their files and syncs them to disk.</summary>
    /// <param name="currentOffsets">The offsets the runtime is about to commit.</param>
    /// <param name="cancellationToken">Cancelled when the task stops.</param>
    /// <returns>A task that completes when the lines are on disk.</returns>
    /// <exception cref="RetriableException">A file could not be written, e.g. the disk is full or a network share
    /// is away: the buffer is kept, and the runtime calls again later.</exception>
    /// <exception cref="ConnectException">A file may not be written (permissions): the task fails.</exception>
    public override async ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets, CancellationToken cancellationToken)
    {
        foreach (var (partition, buffer) in _buffers)
        {
            if (buffer.Count == 0)
            {
                continue;
            }

            var path = PathOf(partition);
            try
            {
                // After a failed write part of the buffer may be in the file already: look before writing again.
                var next = _unsure.Contains(partition) ? ReadNextOffset(partition) ?? 0 : 0;
                _unsure.Add(partition);
                var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
                await using (stream.ConfigureAwait(false))
                {
                    var writer = new StreamWriter(stream, Utf8);
                    await using (writer.ConfigureAwait(false))
                    {
                        foreach (var (offset, line) in buffer)
                        {
                            if (line is not null && offset >= next)
                            {
                                await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                            }
                        }

                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                        stream.Flush(flushToDisk: true);
                    }
                }

                _unsure.Remove(partition);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ConnectException($"May not write to '{path}': {e.Message}. Fix the folder's permissions, then restart the task.", e);
            }
            catch (IOException e)
            {
                throw new RetriableException($"Could not write to '{path}', will retry: {e.Message}", e);
            }

            _nextOffsets[partition] = buffer[^1].Offset + 1;
            buffer.Clear();
        }
    }

    /// <summary>Flushes, then approves for each partition the offset after the last record in its file.</summary>
    /// <param name="currentOffsets">The offsets of the records delivered so far.</param>
    /// <param name="cancellationToken">Cancelled when the task stops.</param>
    /// <returns>The offsets to commit.</returns>
    /// <exception cref="RetriableException">The flush failed; no offset is approved.</exception>
    public override async ValueTask<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> PreCommitAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentOffsets);
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        return currentOffsets.Keys
            .Where(_nextOffsets.ContainsKey)
            .ToDictionary(partition => partition, partition => new OffsetAndMetadata(_nextOffsets[partition]));
    }

    /// <summary>Forgets partitions taken away from this task; the runtime has committed what was flushed.</summary>
    /// <param name="partitions">The partitions.</param>
    public override void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            _buffers.Remove(partition);
            _nextOffsets.Remove(partition);
            _unsure.Remove(partition);
        }
    }

    /// <summary>Drops what was not flushed: the runtime delivers those records again to the next task.</summary>
    public override void Stop()
    {
        _buffers.Clear();
        _nextOffsets.Clear();
        _unsure.Clear();
    }

    private string PathOf(TopicPartition partition) =>
        Path.Combine(_config!.OutputDirectory, $"{partition.Topic}-{partition.Partition}.jsonl");

    // The offset after the last complete line of a partition's file, or null when there is no such line.
    private long? ReadNextOffset(TopicPartition partition)
    {
        var path = PathOf(partition);
        try
        {
            return File.Exists(path) ? RecordJson.OffsetOf(LastLine(path)) + 1 : null;
        }
        catch (IOException e)
        {
            throw new RetriableException($"Could not read '{path}', will retry: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ConnectException($"May not read '{path}': {e.Message}. Fix the folder's permissions.", e);
        }
    }

    // Reads the file backwards in growing chunks until the last complete line is found.
    private static string LastLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        for (var window = 4096L; ; window *= 4)
        {
            var start = Math.Max(0, stream.Length - window);
            stream.Position = start;
            var bytes = new byte[stream.Length - start];
            stream.ReadExactly(bytes);
            var text = Utf8.GetString(bytes);
            var lines = text.Split('\n');

            // A line cut short by a crash has no line break: it is not a record.
            var complete = lines.Length - 1;
            if (complete >= 2 || (start == 0 && complete >= 1))
            {
                return lines[complete - 1];
            }

            if (start == 0)
            {
                return string.Empty;
            }
        }
    }
}
