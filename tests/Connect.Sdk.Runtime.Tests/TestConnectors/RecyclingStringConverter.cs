using System.Collections.Concurrent;
using System.Text;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;

namespace Connect.Sdk.Runtime.Tests.TestConnectors;

/// <summary>
/// A string converter that reuses the arrays handed back to it, and records per <see cref="IdConfig"/> how many
/// arrays it handed out and got back, and whether an array came back that it had not handed out or that was already
/// back: what the worker's recycling must never do.
/// </summary>
public sealed class RecyclingStringConverter : IRecyclableOutputConverter
{
    public const string IdConfig = "id";

    private static readonly ConcurrentDictionary<string, Tally> Tallies = new(StringComparer.Ordinal);
    private readonly HashSet<byte[]> _handedOut = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Stack<byte[]>> _recycled = [];
    private readonly Lock _lock = new();
    private Tally _tally = new();

    public static Tally For(string id) => Tallies.GetOrAdd(id, _ => new Tally());

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _tally = For(configs[IdConfig]);
    }

    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value)
    {
        if (value is not string text)
        {
            return null;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        lock (_lock)
        {
            var array = _recycled.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : null;
            if (array is not null)
            {
                Interlocked.Increment(ref _tally.Reused);
            }

            array ??= new byte[length];
            Encoding.UTF8.GetBytes(text, array);
            _handedOut.Add(array);
            Interlocked.Increment(ref _tally.HandedOut);
            return array;
        }
    }

    public void Recycle(byte[] output)
    {
        lock (_lock)
        {
            if (!_handedOut.Remove(output))
            {
                Interlocked.Increment(ref _tally.Unexpected);
                return;
            }

            if (!_recycled.TryGetValue(output.Length, out var stack))
            {
                _recycled[output.Length] = stack = new Stack<byte[]>();
            }

            stack.Push(output);
            Interlocked.Increment(ref _tally.Recycled);
        }
    }

    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value) =>
        value is null ? SchemaAndValue.Null : new SchemaAndValue(Schema.OptionalString, Encoding.UTF8.GetString(value));

    /// <summary>What one converter saw.</summary>
    public sealed class Tally
    {
        public int HandedOut;
        public int Recycled;
        public int Reused;
        public int Unexpected;
    }
}
