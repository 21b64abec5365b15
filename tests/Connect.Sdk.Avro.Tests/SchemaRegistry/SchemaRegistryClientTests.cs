using Connect.Sdk.Avro.SchemaRegistry;

namespace Connect.Sdk.Avro.Tests.SchemaRegistry;

public sealed class SchemaRegistryClientTests : IAsyncLifetime
{
    private const string UserSchema = """{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}""";
    private const string UserSchemaV2 = """{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"],"default":null}]}""";
    private const string IncompatibleSchema = """{"type":"record","name":"User","fields":[{"name":"id","type":"string"}]}""";

    private FakeSchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await FakeSchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task Register_NewSchema_ReturnsIdAndCachesIt()
    {
        using var client = Client();

        var id = await client.RegisterSchemaAsync("users-value", UserSchema);
        var again = await client.RegisterSchemaAsync("users-value", UserSchema);

        id.Should().BeGreaterThan(0);
        again.Should().Be(id);
        _registry.Calls("POST /subjects/versions").Should().Be(1);
        _registry.ContentTypes.Should().OnlyContain(t => t == "application/vnd.schemaregistry.v1+json");
    }

    [Fact]
    public async Task Register_ThenGetById_NeedsNoSecondCall()
    {
        using var client = Client();
        var id = await client.RegisterSchemaAsync("users-value", UserSchema);

        var schema = await client.GetSchemaByIdAsync(id);

        schema.Schema.Should().Be(UserSchema);
        _registry.Calls("GET /schemas/ids").Should().Be(0);
    }

    [Fact]
    public async Task GetById_CalledTwice_CallsRegistryOnce()
    {
        var id = _registry.Register("users-value", UserSchema);
        using var client = Client();

        var first = await client.GetSchemaByIdAsync(id);
        var second = await client.GetSchemaByIdAsync(id);

        first.Should().Be(second);
        first.Id.Should().Be(id);
        first.SchemaType.Should().Be("AVRO");
        _registry.Calls("GET /schemas/ids").Should().Be(1);
    }

    [Fact]
    public async Task GetById_Unknown_Throws404WithRegistryErrorCode()
    {
        using var client = Client();

        var act = async () => await client.GetSchemaByIdAsync(999);

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(404);
        error.ErrorCode.Should().Be(40403);
        error.RegistryMessage.Should().Be("Schema 999 not found");
        error.IsTransient.Should().BeFalse();
        error.Message.Should().Contain("HTTP 404").And.Contain("Schema 999 not found (error code 40403)");
    }

    [Fact]
    public async Task GetLatest_ReturnsSubjectVersionIdAndSchema()
    {
        _registry.Register("users-value", UserSchema);
        var id2 = _registry.Register("users-value", UserSchemaV2);
        using var client = Client();

        var latest = await client.GetLatestSchemaAsync("users-value");

        latest.Should().Be(new RegisteredSchema(id2, UserSchemaV2, "users-value", 2));
    }

    [Fact]
    public async Task GetLatest_UnknownSubject_Throws40401()
    {
        using var client = Client();

        var act = async () => await client.GetLatestSchemaAsync("nope-value");

        (await act.Should().ThrowAsync<SchemaRegistryException>()).Which.ErrorCode.Should().Be(40401);
    }

    [Fact]
    public async Task Lookup_RegisteredSchema_ReturnsVersionAndCaches()
    {
        var id = _registry.Register("users-value", UserSchema);
        using var client = Client();

        var found = await client.LookupSchemaAsync("users-value", UserSchema);
        await client.LookupSchemaAsync("users-value", UserSchema);

        found.Id.Should().Be(id);
        found.Version.Should().Be(1);
        found.Subject.Should().Be("users-value");
        _registry.Calls("POST /subjects").Should().Be(1);
    }

    [Fact]
    public async Task Lookup_UnregisteredSchema_Throws40403()
    {
        _registry.Register("users-value", UserSchema);
        using var client = Client();

        var act = async () => await client.LookupSchemaAsync("users-value", UserSchemaV2);

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(404);
        error.ErrorCode.Should().Be(40403);
    }

    [Fact]
    public async Task Compatibility_ReportsRegistryAnswer()
    {
        _registry.Register("users-value", UserSchema);
        using var client = Client();

        (await client.TestCompatibilityAsync("users-value", UserSchemaV2)).Should().BeTrue();
        (await client.TestCompatibilityAsync("users-value", IncompatibleSchema)).Should().BeFalse();
    }

    [Fact]
    public async Task Register_IncompatibleSchema_Throws409WithMessage()
    {
        _registry.Register("users-value", UserSchema);
        using var client = Client();

        var act = async () => await client.RegisterSchemaAsync("users-value", IncompatibleSchema);

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(409);
        error.ErrorCode.Should().Be(409);
        error.RegistryMessage.Should().Contain("incompatible with an earlier schema");
        _registry.Calls("POST /subjects/versions").Should().Be(1, "4xx responses are not retried");
    }

    [Fact]
    public async Task Register_InvalidSchema_Throws422()
    {
        using var client = Client();

        var act = async () => await client.RegisterSchemaAsync("users-value", "{\"type\":\"record\"}");

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(422);
        error.ErrorCode.Should().Be(42201);
    }

    [Fact]
    public async Task Request_WithoutCredentials_Throws401WithHint()
    {
        _registry.RequiredUserInfo = "fred:letmein";
        using var client = Client();

        var act = async () => await client.GetLatestSchemaAsync("users-value");

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(401);
        error.ErrorCode.Should().Be(401);
        error.Message.Should().Contain("basic.auth.user.info");
    }

    [Fact]
    public async Task Request_WithBasicAuth_IsAccepted()
    {
        _registry.RequiredUserInfo = "fred:letmein";
        using var client = Client(o => o.BasicAuthUserInfo = "fred:letmein");

        var id = await client.RegisterSchemaAsync("users-value", UserSchema);

        id.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Request_WithCredentialsInUrl_SendsThemAsBasicAuth()
    {
        _registry.RequiredUserInfo = "fred:let me in";
        var url = new UriBuilder(_registry.Url) { UserName = "fred", Password = "let me in" }.Uri;
        using var client = new SchemaRegistryClient(new SchemaRegistryClientOptions { Urls = { url } });

        var id = await client.RegisterSchemaAsync("users-value", UserSchema);

        id.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Request_ServerErrorsThenSuccess_Retries()
    {
        _registry.FailNext(503, 500);
        using var client = Client();

        var id = await client.RegisterSchemaAsync("users-value", UserSchema);

        id.Should().BeGreaterThan(0);
        _registry.Calls("POST /subjects/versions").Should().Be(1, "the two failures were answered before routing");
        _registry.TotalCalls.Should().Be(1);
    }

    [Fact]
    public async Task Request_ServerErrorsBeyondRetries_ThrowsTransientError()
    {
        _registry.FailNext(503, 503, 503);
        using var client = Client(o => o.MaxRetries = 2);

        var act = async () => await client.GetLatestSchemaAsync("users-value");

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(503);
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("Gave up after 3 attempts");
    }

    [Fact]
    public async Task Request_Timeout_IsRetried()
    {
        _registry.DelayNext(TimeSpan.FromSeconds(5));
        var id = _registry.Register("users-value", UserSchema);
        using var client = Client(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var schema = await client.GetSchemaByIdAsync(id);

        schema.Schema.Should().Be(UserSchema);
    }

    [Fact]
    public async Task Request_UnreachableRegistry_FailsOverToNextUrl()
    {
        var dead = new Uri("http://127.0.0.1:1/");
        var id = _registry.Register("users-value", UserSchema);
        using var client = new SchemaRegistryClient(new SchemaRegistryClientOptions
        {
            Urls = { dead, _registry.Url },
            RetryBackoff = TimeSpan.FromMilliseconds(1),
        });

        (await client.GetSchemaByIdAsync(id)).Schema.Should().Be(UserSchema);
    }

    [Fact]
    public async Task Request_UnreachableRegistry_ThrowsAfterBoundedRetries()
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryClientOptions
        {
            Urls = { new Uri("http://127.0.0.1:1/") },
            MaxRetries = 2,
            RetryBackoff = TimeSpan.FromMilliseconds(1),
        });

        var act = async () => await client.GetSchemaByIdAsync(1);

        var error = (await act.Should().ThrowAsync<SchemaRegistryException>()).Which;
        error.StatusCode.Should().Be(0);
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("Could not reach the Schema Registry").And.Contain("Gave up after 3 attempts");
    }

    [Fact]
    public async Task Subject_WithSpecialCharacters_IsEscaped()
    {
        using var client = Client();

        var id = await client.RegisterSchemaAsync("my topic-value", UserSchema);

        _registry.Subjects.Should().Contain("my topic-value");
        (await client.GetLatestSchemaAsync("my topic-value")).Id.Should().Be(id);
    }

    [Fact]
    public void Constructor_WithoutUrls_Throws()
    {
        var act = () => new SchemaRegistryClient(new SchemaRegistryClientOptions());
        act.Should().Throw<ArgumentException>().WithMessage("At least one Schema Registry URL is required.*");
    }

    private SchemaRegistryClient Client(Action<SchemaRegistryClientOptions>? configure = null)
    {
        var options = new SchemaRegistryClientOptions { RetryBackoff = TimeSpan.FromMilliseconds(5), MaxRetryBackoff = TimeSpan.FromMilliseconds(50) };
        options.Urls.Add(_registry.Url);
        configure?.Invoke(options);
        return new SchemaRegistryClient(options);
    }
}
