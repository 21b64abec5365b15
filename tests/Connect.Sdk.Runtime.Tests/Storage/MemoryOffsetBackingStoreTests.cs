using Connect.Sdk.Runtime.Storage;

namespace Connect.Sdk.Runtime.Tests.Storage;

public class MemoryOffsetBackingStoreTests
{
    [Fact]
    public async Task Get_ReturnsOnlyStoredKeys()
    {
        using var store = new MemoryOffsetBackingStore();
        await store.StartAsync();
        await store.SetAsync(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" });

        store.Get(["a", "c"]).Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1" });
    }

    [Fact]
    public async Task SetAsync_NullRemovesAndLaterValuesReplace()
    {
        using var store = new MemoryOffsetBackingStore();
        await store.SetAsync(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" });

        await store.SetAsync(new Dictionary<string, string?> { ["a"] = null, ["b"] = "3" });

        store.Snapshot().Should().BeEquivalentTo(new Dictionary<string, string> { ["b"] = "3" });
    }

    [Fact]
    public async Task Snapshot_IsACopy()
    {
        using var store = new MemoryOffsetBackingStore();
        await store.SetAsync(new Dictionary<string, string?> { ["a"] = "1" });
        var snapshot = store.Snapshot();

        await store.SetAsync(new Dictionary<string, string?> { ["a"] = "2", ["b"] = "3" });

        snapshot.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1" });
    }

    [Fact]
    public async Task OffsetStorageReader_ReadsOneConnectorsOffsetsByPartition()
    {
        using var store = new MemoryOffsetBackingStore();
        var partition = new Dictionary<string, object?> { ["file"] = "a.txt" };
        await store.SetAsync(new Dictionary<string, string?>
        {
            [OffsetCodec.SerializeKey("mine", partition)] = "{\"line\":10}",
            [OffsetCodec.SerializeKey("other", partition)] = "{\"line\":99}",
        });
        var reader = new OffsetStorageReader("mine", store);

        reader.Offset(new Dictionary<string, object?> { ["file"] = "a.txt" }).Should().BeEquivalentTo(new Dictionary<string, object?> { ["line"] = 10L });
        reader.Offset(new Dictionary<string, object?> { ["file"] = "b.txt" }).Should().BeNull();
        reader.Offsets([partition, new Dictionary<string, object?> { ["file"] = "b.txt" }]).Should().ContainSingle()
            .Which.Value.Should().BeEquivalentTo(new Dictionary<string, object?> { ["line"] = 10L });
    }
}
