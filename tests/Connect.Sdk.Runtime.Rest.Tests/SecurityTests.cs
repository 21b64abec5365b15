using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public sealed class SecurityTests(WorkerFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-rest-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task BasicAuth_RequestsWithoutValidCredentialsGet401()
    {
        var credentials = Path.Combine(_folder, "credentials.properties");
        await File.WriteAllTextAsync(credentials, "# users of the REST API\nalice: wonderland\n\n! another comment\nbob = the builder\n");
        await using var server = await fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["rest.basic.auth.credentials.file"] = credentials });
        using var client = new HttpClient { BaseAddress = server.Url };

        using var anonymous = await client.GetAsync("/connectors");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync()).Should().Be("""{"error_code":401,"message":"User cannot access the resource."}""");
        anonymous.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic");

        (await GetAsync(client, "/", "alice", "wrong")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "/", "mallory", "wonderland")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "/health", null, null)).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(client, "/connectors", "alice", "wonderland")).Should().Be(HttpStatusCode.OK);
        (await GetAsync(client, "/connectors", "bob", "the builder")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BasicAuth_FileWithoutUsers_FailsTheStart()
    {
        var credentials = Path.Combine(_folder, "empty.properties");
        await File.WriteAllTextAsync(credentials, "# nobody\n");

        var start = () => fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["rest.basic.auth.credentials.file"] = credentials });

        (await start.Should().ThrowAsync<ConfigException>()).Which.Message.Should().Contain("rest.basic.auth.credentials.file");
    }

    [Fact]
    public async Task BodyLargerThanTheLimit_Answers413()
    {
        await using var server = await fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["rest.request.max.bytes"] = "1024" });
        using var client = new HttpClient { BaseAddress = server.Url };
        var large = Support.Http.SourceConfig("big", $", \"padding\": \"{new string('x', 2048)}\"");

        // Expect: 100-continue lets the server refuse before the client sends the body, as curl does for large
        // bodies; without it, a server that answers early and closes can break the client's send.
        using var declaredRequest = new HttpRequestMessage(HttpMethod.Put, "/connectors/big/config") { Content = Support.Http.Json(large) };
        declaredRequest.Headers.ExpectContinue = true;
        using var declaredResponse = await client.SendAsync(declaredRequest);
        var declared = (int)declaredResponse.StatusCode;
        var declaredBody = JsonNode.Parse(await declaredResponse.Content.ReadAsStringAsync());
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Put, "/connectors/big/config") { Content = chunked };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        chunkedRequest.Headers.ExpectContinue = true;
        using var chunkedResponse = await client.SendAsync(chunkedRequest);

        declared.Should().Be(413);
        declaredBody!.ToJsonString().Should().Be("""{"error_code":413,"message":"The request body is larger than the limit of 1024 bytes (rest.request.max.bytes)."}""");
        chunkedResponse.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await client.PutJsonAsync("/connectors/small/config", Support.Http.SourceConfig("small"))).Status.Should().Be(201);
        (await client.DeleteJsonAsync("/connectors/small")).Status.Should().Be(204);
        (await client.GetJsonAsync("/connectors/big")).Status.Should().Be(404);
    }

    [Fact]
    public async Task Https_ServesWithTheKeystoreCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var keystore = Path.Combine(_folder, "rest.p12");
        await File.WriteAllBytesAsync(keystore, certificate.Export(X509ContentType.Pkcs12, "changeit"));

        await using var server = await fixture.Worker.StartServerAsync(new Dictionary<string, string>
        {
            ["listeners"] = "https://127.0.0.1:0",
            ["listeners.https.ssl.keystore.location"] = keystore,
            ["listeners.https.ssl.keystore.password"] = "changeit",
        });
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = server.Url };

        server.Url.Scheme.Should().Be("https");
        var (status, body) = await client.GetJsonAsync("/connectors");
        status.Should().Be(200);
        body!.AsArray().Should().NotBeNull();
    }

    [Theory]
    [InlineData("https://127.0.0.1:0", "", "listeners.https.ssl.keystore.location")]
    [InlineData("ftp://127.0.0.1:0", "", "the supported protocols are http and https")]
    [InlineData("http://127.0.0.1", "", "the port is missing")]
    [InlineData("https://127.0.0.1:0", "/nonexistent/rest.p12", "the PKCS#12 keystore cannot be read")]
    public async Task InvalidListenerSettings_FailTheStartNamingTheKey(string listeners, string keystore, string expected)
    {
        var start = () => fixture.Worker.StartServerAsync(new Dictionary<string, string>
        {
            ["listeners"] = listeners,
            ["listeners.https.ssl.keystore.location"] = keystore,
        });

        (await start.Should().ThrowAsync<ConfigException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task BeforeTheWorkerStarted_HealthSaysStarting_AndRequestsGet503()
    {
        await using var server = await ConnectRestServer.StartAsync(RestWorker.WorkerProps(), () => null, fixture.Worker.LoggerFactory);
        using var client = new HttpClient { BaseAddress = server.Url };

        var (health, healthBody) = await client.GetJsonAsync("/health");
        var (connectors, connectorsBody) = await client.GetJsonAsync("/connectors");

        health.Should().Be(503);
        healthBody!.ToJsonString().Should().Be("""{"status":"starting","message":"Worker is still starting up."}""");
        connectors.Should().Be(503);
        connectorsBody!["error_code"]!.GetValue<int>().Should().Be(503);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string? user, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
