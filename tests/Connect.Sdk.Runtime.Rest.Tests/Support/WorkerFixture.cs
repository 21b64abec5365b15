namespace Connect.Sdk.Runtime.Rest.Tests.Support;

/// <summary>One worker shared by the tests of the <see cref="WorkerCollection"/> (they run one after another).</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    private RestWorker? _worker;

    public RestWorker Worker => _worker ?? throw new InvalidOperationException("The worker has not started.");

    public HttpClient Http => Worker.Http;

    public async Task InitializeAsync() => _worker = await RestWorker.StartAsync();

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "worker";
}
