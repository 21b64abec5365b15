using Connect.Sdk.Avro.SchemaRegistry;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// A Schema Registry kept in memory, so the Avro benchmarks measure the converter and not HTTP. It counts every call,
/// which is how the benchmarks check that a warmed-up converter makes none.
/// </summary>
public sealed class InMemorySchemaRegistryClient : ISchemaRegistryClient
{
    private readonly object _gate = new();
    private readonly Dictionary<int, string> _byId = [];
    private readonly Dictionary<(string Subject, string Schema), (int Id, int Version)> _bySubject = [];
    private readonly Dictionary<string, int> _latestVersion = new(StringComparer.Ordinal);
    private long _calls;

    /// <summary>The number of calls made to this registry so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public ValueTask<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            if (_bySubject.TryGetValue((subject, schema), out var known))
            {
                return ValueTask.FromResult(known.Id);
            }

            var id = _byId.FirstOrDefault(e => e.Value == schema).Key;
            if (id == 0)
            {
                id = _byId.Count + 1;
                _byId[id] = schema;
            }

            var version = _latestVersion.GetValueOrDefault(subject) + 1;
            _latestVersion[subject] = version;
            _bySubject[(subject, schema)] = (id, version);
            return ValueTask.FromResult(id);
        }
    }

    /// <inheritdoc />
    public ValueTask<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var schema)
                ? ValueTask.FromResult(new RegisteredSchema(id, schema))
                : throw new SchemaRegistryException($"Schema {id} not found", 404, 40403, "Schema not found");
        }
    }

    /// <inheritdoc />
    public ValueTask<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            foreach (var ((s, schema), (id, version)) in _bySubject)
            {
                if (s == subject && version == _latestVersion[subject])
                {
                    return ValueTask.FromResult(new RegisteredSchema(id, schema, subject, version));
                }
            }
        }

        throw new SchemaRegistryException($"Subject {subject} not found", 404, 40401, "Subject not found");
    }

    /// <inheritdoc />
    public ValueTask<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            return _bySubject.TryGetValue((subject, schema), out var known)
                ? ValueTask.FromResult(new RegisteredSchema(known.Id, schema, subject, known.Version))
                : throw new SchemaRegistryException("Schema not found", 404, 40403, "Schema not found");
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TestCompatibilityAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(true);
    }
}
