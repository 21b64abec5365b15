using Connect.Sdk.Connectors;

namespace Connect.Sdk.Transforms;

/// <summary>
/// One step of a <see cref="TransformationChain{TRecord}"/>: a transformation and, optionally, the predicate that decides
/// whether it applies (Kafka's <c>TransformationStage</c>). With a predicate, the transformation runs for records the
/// predicate matches, or with <see cref="Negate"/> for those it does not; other records pass through unchanged.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class TransformationStage<TRecord> : IDisposable
    where TRecord : ConnectRecord<TRecord>
{
    /// <summary>Initializes a new instance of the <see cref="TransformationStage{TRecord}"/> class.</summary>
    /// <param name="transformation">The configured transformation.</param>
    /// <param name="predicate">The configured predicate, or <see langword="null"/> to always apply the transformation.</param>
    /// <param name="negate">Whether to apply the transformation when the predicate does not match instead.</param>
    /// <param name="alias">The alias from <c>transforms</c>, for messages, or <see langword="null"/>.</param>
    /// <param name="predicateAlias">The alias from <c>predicates</c>, for messages, or <see langword="null"/>.</param>
    public TransformationStage(
        ITransformation<TRecord> transformation,
        IPredicate<TRecord>? predicate = null,
        bool negate = false,
        string? alias = null,
        string? predicateAlias = null)
    {
        ArgumentNullException.ThrowIfNull(transformation);
        Transformation = transformation;
        Predicate = predicate;
        Negate = negate;
        Alias = alias;
        PredicateAlias = predicateAlias;
    }

    /// <summary>Gets the transformation.</summary>
    /// <value>The configured transformation.</value>
    public ITransformation<TRecord> Transformation { get; }

    /// <summary>Gets the predicate that decides whether the transformation applies.</summary>
    /// <value>The predicate, or <see langword="null"/> when the transformation always applies.</value>
    public IPredicate<TRecord>? Predicate { get; }

    /// <summary>Gets a value indicating whether the predicate is negated.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Negate { get; }

    /// <summary>Gets the alias of the transformation in <c>transforms</c>.</summary>
    /// <value>The alias, or <see langword="null"/> for a stage built in code.</value>
    public string? Alias { get; }

    /// <summary>Gets the alias of the predicate in <c>predicates</c>.</summary>
    /// <value>The alias, or <see langword="null"/>.</value>
    public string? PredicateAlias { get; }

    /// <summary>Applies the transformation if the predicate (negated as configured) allows it.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The transformed record, the same record when the stage is skipped, or <see langword="null"/> to drop it.</returns>
    public TRecord? Apply(TRecord record)
    {
        if (Predicate is not null && Predicate.Test(record) == Negate)
        {
            return record;
        }

        return Transformation.Apply(record);
    }

    /// <summary>Disposes the transformation and the predicate.</summary>
    public void Dispose()
    {
        Transformation.Dispose();
        Predicate?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = Alias ?? Transformation.GetType().Name;
        return Predicate is null ? text : $"{text} (if {(Negate ? "not " : string.Empty)}{PredicateAlias ?? Predicate.GetType().Name})";
    }
}
