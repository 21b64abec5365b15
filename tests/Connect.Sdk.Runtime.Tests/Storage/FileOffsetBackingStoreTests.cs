using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Storage;

namespace Connect.Sdk.Runtime.Tests.Storage;

public sealed class FileOffsetBackingStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("offsets-").FullName;

    private string FilePath => Path.Combine(_folder, "connect.offsets");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SetAsync_ThenANewStore_ReadsTheSameOffsets()
    {
        using (var store = new FileOffsetBackingStore(FilePath))
        {
            await store.StartAsync();
            await store.SetAsync(new Dictionary<string, string?> { ["[\"c\",{\"p\":0}]"] = "{\"seq\":1}", ["[\"c\",{\"p\":1}]"] = "{\"seq\":7}" });
            await store.SetAsync(new Dictionary<string, string?> { ["[\"c\",{\"p\":0}]"] = "{\"seq\":2}" });
        }

        using var reopened = new FileOffsetBackingStore(FilePath);
        await reopened.StartAsync();

        reopened.Snapshot().Should().BeEquivalentTo(new Dictionary<string, string> { ["[\"c\",{\"p\":0}]"] = "{\"seq\":2}", ["[\"c\",{\"p\":1}]"] = "{\"seq\":7}" });
        reopened.Get(["[\"c\",{\"p\":1}]", "missing"]).Should().BeEquivalentTo(new Dictionary<string, string> { ["[\"c\",{\"p\":1}]"] = "{\"seq\":7}" });
    }

    [Fact]
    public async Task SetAsync_NullValue_RemovesTheKeyFromTheFile()
    {
        using (var store = new FileOffsetBackingStore(FilePath))
        {
            await store.SetAsync(new Dictionary<string, string?> { ["a"] = "{}", ["b"] = "{}" });
            await store.SetAsync(new Dictionary<string, string?> { ["a"] = null });
        }

        using var reopened = new FileOffsetBackingStore(FilePath);
        await reopened.StartAsync();
        reopened.Snapshot().Keys.Should().Equal("b");
    }

    [Fact]
    public async Task SetAsync_WritesThroughATemporaryFileThatItRenames()
    {
        using var store = new FileOffsetBackingStore(FilePath);

        await store.SetAsync(new Dictionary<string, string?> { ["k"] = "{\"v\":1}" });

        File.Exists(FilePath).Should().BeTrue();
        File.Exists(FilePath + ".tmp").Should().BeFalse("the temporary file is renamed over the offsets file");
    }

    [Fact]
    public async Task StartAsync_LeftoverTemporaryFileFromACrash_IsIgnored()
    {
        using (var store = new FileOffsetBackingStore(FilePath))
        {
            await store.SetAsync(new Dictionary<string, string?> { ["k"] = "{\"v\":1}" });
        }

        // A crash in the middle of the next write leaves a half-written temporary file.
        await File.WriteAllTextAsync(FilePath + ".tmp", "{\"k\": \"{\\\"v\\\":2");
        using var reopened = new FileOffsetBackingStore(FilePath);
        await reopened.StartAsync();

        reopened.Snapshot().Should().BeEquivalentTo(new Dictionary<string, string> { ["k"] = "{\"v\":1}" }, "the last complete file is what counts");
        await reopened.SetAsync(new Dictionary<string, string?> { ["k"] = "{\"v\":3}" });
        using var again = new FileOffsetBackingStore(FilePath);
        await again.StartAsync();
        again.Snapshot()["k"].Should().Be("{\"v\":3}");
    }

    [Fact]
    public async Task StartAsync_OnlyATemporaryFile_StartsEmpty()
    {
        await File.WriteAllTextAsync(FilePath + ".tmp", "garbage");
        using var store = new FileOffsetBackingStore(FilePath);

        await store.StartAsync();

        store.Snapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task StartAsync_NoFile_StartsEmpty()
    {
        using var store = new FileOffsetBackingStore(Path.Combine(_folder, "sub", "dir", "offsets.json"));

        await store.StartAsync();
        await store.SetAsync(new Dictionary<string, string?> { ["k"] = "{}" });

        File.Exists(Path.Combine(_folder, "sub", "dir", "offsets.json")).Should().BeTrue("missing folders are created");
    }

    [Theory]
    [InlineData("{\"k\": \"v\"")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task StartAsync_CorruptFile_ThrowsAClearError(string content)
    {
        await File.WriteAllTextAsync(FilePath, content);
        using var store = new FileOffsetBackingStore(FilePath);

        var act = () => store.StartAsync();

        await act.Should().ThrowAsync<ConnectException>()
            .WithMessage($"The offsets file {FilePath} is not valid JSON (*). Restore it from a backup, or move it away to start without stored offsets.");
    }

    [Fact]
    public async Task SetAsync_ConcurrentWriters_KeepEveryKey()
    {
        using var store = new FileOffsetBackingStore(FilePath);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => store.SetAsync(new Dictionary<string, string?> { [$"k{i}"] = $"{{\"v\":{i}}}" }))));

        using var reopened = new FileOffsetBackingStore(FilePath);
        await reopened.StartAsync();
        reopened.Snapshot().Should().HaveCount(20);
    }
}
