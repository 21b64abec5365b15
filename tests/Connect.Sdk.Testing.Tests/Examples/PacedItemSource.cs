using Connect.Sdk.Source;

namespace Connect.Sdk.Testing.Tests.Examples;

/// <summary>The item source for tests on a real worker or engine, whose task loops poll without pause: a poll that
/// finds no items waits a little, as a source task should, instead of returning at once.</summary>
public sealed class PacedItemSourceConnector : ItemSourceConnector
{
    public override Type TaskType => typeof(PacedItemSourceTask);
}

public sealed class PacedItemSourceTask : ItemSourceTask
{
    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var records = await base.PollAsync(cancellationToken);
        if (records is { Count: 0 })
        {
            await Task.Delay(20, cancellationToken);
        }

        return records;
    }
}
