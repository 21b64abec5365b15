using System.Net;
using System.Net.Sockets;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Postgres.Tests.Infrastructure;
using Connect.Sdk.Sink;
using Npgsql;

namespace Connect.Sdk.Samples.Postgres.Tests;

/// <summary>Configuration, validation and connection failures: none of these needs a running server.</summary>
public class PostgresSinkConnectorTests
{
    [Theory]
    [InlineData("insert.mode=upsert", "insert.mode", "needs a primary key")]
    [InlineData("delete.enabled=true;pk.mode=record_value", "delete.enabled", "only supported for pk.mode=record_key")]
    [InlineData("pk.fields=id", "pk.fields", "must be empty when pk.mode=none")]
    [InlineData("pk.mode=record_value;pk.fields=id,,id", "pk.fields", "listed once")]
    public void Validate_KeysThatDoNotFitTogether_ReportTheKeyToChange(string settings, string key, string message)
    {
        var config = Settings(settings);

        var values = new PostgresSinkConnector().Validate(config);
        var start = () => new PostgresSinkConnector().Start(config);

        values.Where(v => v.ErrorMessages.Count > 0).Should().ContainSingle()
            .Which.Should().Match<ConfigValue>(v => v.Name == key && v.ErrorMessages[0].Contains(message));
        start.Should().Throw<ConfigException>().WithMessage($"*{key}*{message}*");
    }

    [Fact]
    public void Validate_ValidConfiguration_HasNoErrors()
    {
        var config = Settings("insert.mode=UPSERT;pk.mode=record_key;delete.enabled=true;auto.create=true;auto.evolve=true");

        new PostgresSinkConnector().Validate(config).SelectMany(v => v.ErrorMessages).Should().BeEmpty();
        new PostgresSinkConfig(config).InsertMode.Should().Be(InsertMode.Upsert);
    }

    [Fact]
    public void TaskConfigs_CopiesTheConfigurationPerTask()
    {
        var connector = new PostgresSinkConnector();
        connector.Start(Settings(string.Empty));

        connector.TaskConfigs(3).Should().HaveCount(3).And.AllSatisfy(c => c["connection.url"].Should().StartWith("jdbc:postgresql://"));
    }

    [Theory]
    [InlineData("jdbc:postgresql://db.example.com:6543/shop?user=app&password=s3cret&sslmode=verify-full&currentSchema=sales&reWriteBatchedInserts=true",
        "db.example.com", 6543, "shop", "app", "s3cret", SslMode.VerifyFull, "sales")]
    [InlineData("jdbc:postgresql://localhost/shop", "localhost", 5432, "shop", null, null, SslMode.Prefer, null)]
    [InlineData("jdbc:postgresql:shop", "localhost", 5432, "shop", null, null, SslMode.Prefer, null)]
    [InlineData("Host=10.0.0.5;Port=5433;Database=shop;Username=app;SSL Mode=Require", "10.0.0.5", 5433, "shop", "app", null, SslMode.Require, null)]
    public void ConnectionUrl_JdbcUrlsAndConnectionStrings_AreUnderstood(
        string url, string host, int port, string database, string? user, string? password, SslMode sslMode, string? searchPath)
    {
        var builder = ConnectionUrl.Parse(url);

        builder.Host.Should().Be(host);
        builder.Port.Should().Be(port);
        builder.Database.Should().Be(database);
        builder.Username.Should().Be(user);
        builder.Password.Should().Be(password);
        builder.SslMode.Should().Be(sslMode);
        builder.SearchPath.Should().Be(searchPath);
    }

    [Theory]
    [InlineData("jdbc:mysql://db/shop", "Only PostgreSQL JDBC URLs")]
    [InlineData("jdbc:postgresql://db/shop?password=s3cret&loginTimeout=5", "'loginTimeout' is not supported")]
    [InlineData("Hots=db;Password=s3cret", "Not a valid Npgsql connection string")]
    public void ConnectionUrl_Unsupported_IsAConfigErrorThatDoesNotShowThePassword(string url, string message)
    {
        var errors = new PostgresSinkConnector().Validate(Settings(string.Empty, url))
            .Single(v => v.Name == "connection.url").ErrorMessages;

        errors.Should().ContainSingle().Which.Should().Contain(message).And.NotContain("s3cret");
    }

    [Theory]
    [InlineData("${topic}", "orders", null, "orders")]
    [InlineData("kafka_${topic}", "orders", null, "kafka_orders")]
    [InlineData("analytics.${topic}", "db.orders", "analytics", "db.orders")]
    [InlineData("${topic}_archive.${topic}", "orders", "orders_archive", "orders")]
    public void TableId_FromTheFormat_SplitsTheSchemaOutsideThePlaceholder(string format, string topic, string? schema, string table) =>
        TableId.For(format, topic).Should().Be(new TableId(schema, table));

    [Theory]
    [InlineData("a.b.${topic}")]
    [InlineData(".${topic}")]
    [InlineData("")]
    public void Validate_BadTableNameFormat_IsAnError(string format) =>
        new PostgresSinkConnector().Validate(Settings("table.name.format=" + format))
            .Single(v => v.Name == "table.name.format").ErrorMessages.Should().NotBeEmpty();

    [Fact]
    public async Task Put_ServerUnreachable_IsRetriableUntilMaxRetries()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var config = Settings("max.retries=1;retry.backoff.ms=250", $"jdbc:postgresql://127.0.0.1:{port}/shop");
        var context = new FakeSinkTaskContext(config);
        var task = new PostgresSinkTask();
        task.Initialize(context);
        task.Start(config);
        var schema = SchemaBuilder.Struct().Name("test.Order").Field("id", Schema.Int64).Build();
        SinkRecord[] batch = [new("orders", 0, null, null, schema, new Struct(schema).Put("id", 1L), 0)];

        var first = async () => await task.PutAsync(batch, default);
        var second = async () => await task.PutAsync(batch, default);

        (await first.Should().ThrowAsync<RetriableException>()).Which.Message.Should().Contain("attempt 1 of 2").And.Contain("retrying in 250 ms");
        context.RequestedTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        var final = (await second.Should().ThrowAsync<ConnectException>()).Which;
        final.Should().NotBeOfType<RetriableException>();
        final.Message.Should().Contain("2 times in a row (max.retries=1)");
        task.Stop();
    }

    private static Dictionary<string, string> Settings(string settings, string url = "jdbc:postgresql://127.0.0.1:5432/shop")
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "orders-sink",
            ["topics"] = "orders",
            ["connection.url"] = url,
            ["connection.user"] = "app",
            ["connection.password"] = "s3cret",
        };
        foreach (var setting in settings.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = setting.Split('=', 2);
            config[parts[0]] = parts[1];
        }

        return config;
    }
}
