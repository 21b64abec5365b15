namespace Connect.Sdk.Avro.SchemaRegistry;

/// <summary>
/// The calls the Avro converter makes to a Confluent-compatible Schema Registry. Implementations are expected to
/// cache what cannot change (the schema of an id, the id of a schema under a subject) so that a converter calls the
/// registry once per schema, not once per record.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>Registers a schema under a subject (<c>POST /subjects/{subject}/versions</c>), or finds the id it already has.</summary>
    /// <param name="subject">The subject, e.g. <c>orders-value</c>.</param>
    /// <param name="schema">The schema text (Avro schema JSON).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema's global id.</returns>
    /// <exception cref="SchemaRegistryException">The registry rejected the schema (e.g. 409 incompatible, 422 invalid) or could not be reached.</exception>
    ValueTask<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>Gets the schema with a global id (<c>GET /schemas/ids/{id}</c>).</summary>
    /// <param name="id">The schema id, as found in the Confluent wire format.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema; <see cref="RegisteredSchema.Subject"/> and <see cref="RegisteredSchema.Version"/> are not known from this call.</returns>
    /// <exception cref="SchemaRegistryException">No schema has that id (404, error code 40403), or the registry could not be reached.</exception>
    ValueTask<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest version registered under a subject (<c>GET /subjects/{subject}/versions/latest</c>).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subject's latest schema with its id and version.</returns>
    /// <exception cref="SchemaRegistryException">The subject does not exist (404, error code 40401), or the registry could not be reached.</exception>
    ValueTask<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Finds a schema that is already registered under a subject (<c>POST /subjects/{subject}</c>).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered schema with its id and version.</returns>
    /// <exception cref="SchemaRegistryException">The subject (40401) or the schema (40403) is not found, or the registry could not be reached.</exception>
    ValueTask<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>Asks whether a schema is compatible with the subject's latest version (<c>POST /compatibility/subjects/{subject}/versions/latest</c>).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the registry's compatibility rules accept the schema.</returns>
    /// <exception cref="SchemaRegistryException">The subject does not exist, the schema is invalid (422), or the registry could not be reached.</exception>
    ValueTask<bool> TestCompatibilityAsync(string subject, string schema, CancellationToken cancellationToken = default);
}

/// <summary>A schema as the registry returns it.</summary>
/// <param name="Id">The global schema id.</param>
/// <param name="Schema">The schema text.</param>
/// <param name="Subject">The subject, when the call was about one; otherwise <see langword="null"/>.</param>
/// <param name="Version">The version under <paramref name="Subject"/>, when known; otherwise <see langword="null"/>.</param>
/// <param name="SchemaType">The schema type; the registry omits it for Avro, which is the default.</param>
public sealed record RegisteredSchema(int Id, string Schema, string? Subject = null, int? Version = null, string SchemaType = "AVRO");
