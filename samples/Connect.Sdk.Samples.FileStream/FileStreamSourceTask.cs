using System.Text;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.FileStream;

/// <summary>
/// Reads a file (or standard input) line by line. Each record's source partition is <c>{"filename": file}</c> and its
/// source offset <c>{"position": n}</c>, the byte position after the line, so a restarted task skips what was already
/// written. A line is only emitted once its line break (<c>\n</c>, <c>\r\n</c> or <c>\r</c>) has been read.
/// </summary>
public sealed class FileStreamSourceTask : SourceTask
{
    /// <summary>The source partition key that holds the file name.</summary>
    public const string FilenameField = "filename";

    /// <summary>The source offset key that holds the byte position after the last line written.</summary>
    public const string PositionField = "position";

    private const int InitialBufferSize = 8192;

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private string? _filename;
    private string _topic = string.Empty;
    private int _batchSize = FileStreamSourceConfig.DefaultBatchSize;
    private IReadOnlyDictionary<string, object?>? _partition;
    private Stream? _stream;
    private Task<int>? _pendingRead;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private long _position;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <summary>How long a poll waits for the file to appear or grow before it returns nothing.</summary>
    internal TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Parses the configuration and reads the stored position of the file, if any.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">The stored offset is not a valid position.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new FileStreamSourceConfig(config);
        _filename = parsed.File;
        _topic = parsed.Topic;
        _batchSize = parsed.BatchSize;
        if (_filename is null)
        {
            // Standard input cannot be re-read, so its records carry no partition or offset.
            _stream = Console.OpenStandardInput();
            return;
        }

        _partition = new Dictionary<string, object?> { [FilenameField] = _filename }.AsReadOnly();
        var offset = Context.OffsetStorageReader.Offset(_partition);
        _position = offset is null ? 0 : ReadPosition(offset, _filename);
    }

    /// <summary>Returns the complete lines read since the last poll, at most <c>batch.size</c>. When there is no new
    /// line (or the file does not exist yet) it waits up to a second and returns <see langword="null"/>.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The records, or <see langword="null"/>.</returns>
    /// <exception cref="ConnectException">The file cannot be read.</exception>
    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_stopping.IsCancellationRequested)
        {
            return null;
        }

        var stream = _stream ?? Open();
        if (stream is null)
        {
            await IdleAsync(null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        List<SourceRecord>? records = null;
        try
        {
            while (true)
            {
                while (TryTakeLine(out var line))
                {
                    records ??= [];
                    records.Add(CreateRecord(line));
                    if (records.Count >= _batchSize)
                    {
                        return records;
                    }
                }

                _pendingRead ??= StartRead(stream);
                if (!_pendingRead.IsCompleted)
                {
                    // Standard input has nothing yet: return what there is, or wait a little for the read.
                    if (records is not null)
                    {
                        return records;
                    }

                    await IdleAsync(_pendingRead, cancellationToken).ConfigureAwait(false);
                    if (!_pendingRead.IsCompleted)
                    {
                        return null;
                    }
                }

                var read = await _pendingRead.ConfigureAwait(false);
                _pendingRead = null;
                if (read == 0)
                {
                    // End of the file for now: return what there is, or wait for it to grow.
                    if (records is not null)
                    {
                        return records;
                    }

                    await IdleAsync(null, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                _end += read;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _pendingRead = null;
            if (_stopping.IsCancellationRequested)
            {
                // Stop closed the stream under the read.
                return records;
            }

            throw new ConnectException($"Could not read {Describe()}: {e.Message}", e);
        }
    }

    /// <summary>Closes the file and wakes a waiting poll. May be called from another thread than the poll.</summary>
    public override void Stop()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            if (_filename is not null)
            {
                _stream?.Dispose();
            }
        }
    }

    /// <summary>Reads the position from a stored offset.</summary>
    /// <param name="offset">The stored offset.</param>
    /// <param name="filename">The file, for messages.</param>
    /// <returns>The position; 0 when the offset has none.</returns>
    /// <exception cref="ConnectException">The position is not a non-negative integer.</exception>
    internal static long ReadPosition(IReadOnlyDictionary<string, object?> offset, string filename)
    {
        if (!offset.TryGetValue(PositionField, out var value) || value is null)
        {
            return 0;
        }

        long? position = value switch
        {
            long l => l,
            int i => i,
            short s => s,
            sbyte b => b,
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u when u <= long.MaxValue => (long)u,
            _ => null,
        };

        return position switch
        {
            null => throw new ConnectException(
                $"The offset of {filename} has a '{PositionField}' of type {value.GetType().Name}; expected an integer."),
            < 0 => throw new ConnectException(
                $"The offset of {filename} has a negative '{PositionField}' ({position}); expected a byte position of at least 0."),
            _ => position.Value,
        };
    }

    private Stream? Open()
    {
        Stream stream;
        try
        {
            stream = File.Open(_filename!, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The file may be created later: wait for it, as Kafka's connector does.
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectException($"Could not open {Describe()}: {e.Message}", e);
        }

        if (_position > 0)
        {
            // Seeking past the end is allowed: reads return nothing until the file grows beyond the position.
            stream.Seek(_position, SeekOrigin.Begin);
        }

        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                stream.Dispose();
                return null;
            }

            _stream = stream;
        }

        return stream;
    }

    private Task<int> StartRead(Stream stream)
    {
        if (_start > 0)
        {
            // Move the partial line to the front to make room.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow it.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        // A local file answers at once, so it is read synchronously (an asynchronous read of a file that is not opened
        // for asynchronous I/O only moves the same read to the thread pool). Standard input may block for as long as
        // nobody types: its read runs in the background and a poll that finds it unfinished returns.
        var target = _buffer.AsMemory(_end);
        return _filename is null
            ? stream.ReadAsync(target, CancellationToken.None).AsTask()
            : Task.FromResult(stream.Read(target.Span));
    }

    private bool TryTakeLine(out string line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var index = pending.IndexOfAny((byte)'\n', (byte)'\r');
        if (index < 0 || (pending[index] == '\r' && index + 1 == pending.Length))
        {
            // No line break yet, or a '\r' that may be the start of "\r\n": wait for more bytes.
            line = string.Empty;
            return false;
        }

        var breakLength = pending[index] == '\r' && pending[index + 1] == '\n' ? 2 : 1;
        line = Encoding.UTF8.GetString(pending[..index]);
        _start += index + breakLength;
        _position += index + breakLength;
        return true;
    }

    private SourceRecord CreateRecord(string line) => new(
        _partition,
        _partition is null ? null : new Dictionary<string, object?> { [PositionField] = _position }.AsReadOnly(),
        _topic,
        valueSchema: Schema.String,
        value: line,
        timestamp: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private async Task IdleAsync(Task? pendingRead, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var delay = Task.Delay(IdleWait, wake.Token);
        await (pendingRead is null ? Task.WhenAny(delay) : Task.WhenAny(pendingRead, delay)).ConfigureAwait(false);

        // Release the timer when data arrived first.
        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private string Describe() => _filename ?? "standard input";
}
