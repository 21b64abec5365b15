using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// The transformations of a connector, applied in order to each record (Kafka's <c>TransformationChain</c>). A stage
/// whose predicate says no passes the record on unchanged; a stage that returns <see langword="null"/> drops the record
/// and ends the chain. Build one from a connector config with <see cref="TransformationChainFactory"/>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class TransformationChain<TRecord> : IDisposable
    where TRecord : ConnectRecord<TRecord>
{
    private readonly TransformationStage<TRecord>[] _stages;

    /// <summary>Initializes a new instance of the <see cref="TransformationChain{TRecord}"/> class.</summary>
    /// <param name="stages">The stages, in the order they apply.</param>
    public TransformationChain(IEnumerable<TransformationStage<TRecord>> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _stages = [.. stages];
        if (Array.Exists(_stages, s => s is null))
        {
            throw new ArgumentException("A stage is null.", nameof(stages));
        }
    }

    /// <summary>Gets a chain without stages, which returns every record as it is.</summary>
    /// <value>A new empty chain.</value>
    public static TransformationChain<TRecord> Empty => new([]);

    /// <summary>Gets the stages, in the order they apply.</summary>
    /// <value>The stages.</value>
    public IReadOnlyList<TransformationStage<TRecord>> Stages => _stages;

    /// <summary>Runs a record through every stage.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The transformed record, or <see langword="null"/> when a stage dropped it.</returns>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var current = record;
        foreach (var stage in _stages)
        {
            var next = stage.Apply(current);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Disposes every stage.</summary>
    public void Dispose()
    {
        foreach (var stage in _stages)
        {
            stage.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => "TransformationChain{" + string.Join(", ", _stages.Select(s => s.ToString())) + "}";
}
