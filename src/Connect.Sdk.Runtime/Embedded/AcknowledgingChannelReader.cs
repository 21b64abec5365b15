using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>The reader of <see cref="EmbeddedEngine.Records"/>: a record counts as acknowledged once it was read.</summary>
internal sealed class AcknowledgingChannelReader(ChannelReader<EmbeddedRecord> inner) : ChannelReader<EmbeddedRecord>
{
    public override Task Completion => inner.Completion;

    public override bool CanCount => inner.CanCount;

    public override int Count => inner.Count;

    public override bool CanPeek => inner.CanPeek;

    public override bool TryRead([MaybeNullWhen(false)] out EmbeddedRecord item)
    {
        if (!inner.TryRead(out item))
        {
            return false;
        }

        item.Acknowledge();
        return true;
    }

    public override bool TryPeek([MaybeNullWhen(false)] out EmbeddedRecord item) => inner.TryPeek(out item);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
}
