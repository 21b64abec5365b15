namespace Connect.Sdk;

/// <summary>A consumer offset to commit for a partition: the offset of the next record to read, plus optional metadata.</summary>
/// <param name="Offset">The offset of the next record to consume.</param>
/// <param name="Metadata">Optional metadata stored with the commit.</param>
public readonly record struct OffsetAndMetadata(long Offset, string? Metadata = null);
