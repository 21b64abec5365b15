using System.Net;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Tests.Docs;

/// <summary>Runs the examples of docs/writing-a-sink-connector.md against a stub document store and temporary files.</summary>
public sealed class SinkConnectorExampleTests : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["name"] = "orders-to-documents",
        ["topics"] = "orders",
        ["store.url"] = "https://documents.example.com/db/",
        ["store.token"] = "s3cret-token",
        ["retry.backoff.ms"] = "250",
    };

    private static readonly Schema KeySchema = SchemaBuilder.Struct().Name("com.example.OrderKey").Field("id", Schema.Int64).Build();

    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Name("com.example.Order")
        .Field("id", Schema.Int64)
        .Field("customer", SchemaBuilder.Struct().Name("com.example.Customer").Field("name", Schema.String).Build())
        .Build();

    private readonly string _folder = Directory.CreateTempSubdirectory("connect-sdk-doc-sink-").FullName;

    [Fact]
    public void TaskConfigs_GivesEveryTaskTheSettings()
    {
        var connector = new DocumentSinkConnector();
        connector.Start(Settings);

        connector.TaskConfigs(3).Should().HaveCount(3).And.AllSatisfy(t => t.Should().Equal(Settings));
    }

    [Fact]
    public async Task Put_WritesEachRecordAsTheDocumentOfItsKey_AndDeletesOnTombstones()
    {
        var store = new StubHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.NoContent));
        var (task, _) = Start(store);

        await task.PutAsync([Order(0, 42, "Ada"), Tombstone(1, 7)], CancellationToken.None);

        store.Requests.Should().Equal(
            (HttpMethod.Put, "https://documents.example.com/db/orders/42", """{"id":42,"customer":{"name":"Ada"}}"""),
            (HttpMethod.Delete, "https://documents.example.com/db/orders/7", null));
    }

    [Fact]
    public async Task Put_StoreUnavailable_AsksForABackoffAndTheRedeliveredBatchEndsInTheSameDocuments()
    {
        var documents = new Dictionary<string, string?>();
        var failNext = 1;
        var store = new StubHttpHandler((request, body) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/2", StringComparison.Ordinal) && failNext-- > 0)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            documents[request.RequestUri.AbsolutePath] = body;
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var (task, context) = Start(store);
        SinkRecord[] batch = [Order(0, 1, "Ada"), Order(1, 2, "Grace"), Order(2, 3, "Edsger")];

        var first = () => task.PutAsync(batch, CancellationToken.None).AsTask();
        await first.Should().ThrowAsync<RetriableException>();
        context.RequestedTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        await task.PutAsync(batch, CancellationToken.None);

        store.Requests.Select(r => r.Url[^1..]).Should().Equal("1", "2", "1", "2", "3");
        documents.Keys.Should().BeEquivalentTo(["/db/orders/1", "/db/orders/2", "/db/orders/3"]);
    }

    [Fact]
    public async Task Put_RejectedDocument_IsReportedAndTheOthersAreWritten()
    {
        var store = new StubHttpHandler((request, _) => request.RequestUri!.AbsolutePath.EndsWith("/2", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.UnprocessableEntity)
            : new HttpResponseMessage(HttpStatusCode.OK));
        var (task, context) = Start(store);

        await task.PutAsync([Order(0, 1, "Ada"), Order(1, 2, "Grace"), Order(2, 3, "Edsger")], CancellationToken.None);

        context.Errant.Should().ContainSingle().Which.Record.KafkaOffset.Should().Be(1);
        context.Errant[0].Error.Should().BeOfType<DataException>().Which.Message.Should().Be("The document store rejected document orders/2 (HTTP 422).");
        store.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Put_RecordWithoutKey_WithoutReporter_FailsTheTask()
    {
        var (task, _) = Start(new StubHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)), withReporter: false);
        var record = new SinkRecord("orders", 0, null, null, ValueSchema, OrderValue(1, "Ada"), 5);

        var put = () => task.PutAsync([record], CancellationToken.None).AsTask();

        await put.Should().ThrowAsync<DataException>().WithMessage("The record at offset 5 of orders-0 has no usable key*");
    }

    [Fact]
    public async Task Put_Unauthorized_ThrowsConnectException()
    {
        var (task, _) = Start(new StubHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Forbidden)));

        var put = () => task.PutAsync([Order(0, 1, "Ada")], CancellationToken.None).AsTask();

        (await put.Should().ThrowAsync<ConnectException>()).Which.Should().NotBeOfType<RetriableException>();
    }

    [Fact]
    public async Task PartitionFiles_ANewTaskContinuesAfterTheLastLine_AndSkipsRedeliveredRecords()
    {
        var partition = new TopicPartition("orders", 0);
        var first = StartFileTask(out var firstContext);
        first.Open([partition]);
        await first.PutAsync([Line(0, "a"), Line(1, "b"), Line(2, "c")], CancellationToken.None);
        await first.FlushAsync(new Dictionary<TopicPartition, OffsetAndMetadata> { [partition] = new(3) }, CancellationToken.None);
        first.Close([partition]);
        first.Stop();
        firstContext.OffsetRequests.Should().BeEmpty("the file was empty");

        var second = StartFileTask(out var secondContext);
        second.Open([partition]);
        await second.PutAsync([Line(1, "b"), Line(2, "c"), Line(3, "d")], CancellationToken.None);
        second.Stop();

        secondContext.OffsetRequests.Should().Equal(new Dictionary<TopicPartition, long> { [partition] = 3 });
        File.ReadAllLines(Path.Combine(_folder, "orders-0.jsonl")).Should().Equal(
            """{"offset":0,"value":"a"}""",
            """{"offset":1,"value":"b"}""",
            """{"offset":2,"value":"c"}""",
            """{"offset":3,"value":"d"}""");
    }

    [Fact]
    public void PageExample_IsValid_AndMakesThreeTasks()
    {
        var config = DocExamples.Properties("writing-a-sink-connector.md", "documents-sink");
        var connector = new DocumentSinkConnector();

        connector.Validate(config).SelectMany(v => v.ErrorMessages).Should().BeEmpty();
        connector.Start(config);

        config["connector.class"].Should().Be(nameof(DocumentSinkConnector)[..^"Connector".Length]);
        connector.TaskConfigs(int.Parse(config["tasks.max"], System.Globalization.CultureInfo.InvariantCulture)).Should().HaveCount(3);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (DocumentSinkTask Task, FakeSinkContext Context) Start(StubHttpHandler store, bool withReporter = true)
    {
        var context = new FakeSinkContext(Settings, withReporter);
        var task = new DocumentSinkTask { Handler = store };
        task.Initialize(context);
        task.Start(Settings);
        return (task, context);
    }

    private PartitionFileSinkTask StartFileTask(out FakeSinkContext context)
    {
        var config = new Dictionary<string, string> { [PartitionFileSinkTask.DirectoryConfig] = _folder };
        context = new FakeSinkContext(config);
        var task = new PartitionFileSinkTask();
        task.Initialize(context);
        task.Start(config);
        return task;
    }

    private static Struct OrderValue(long id, string customer) =>
        new Struct(ValueSchema).Put("id", id).Put("customer", new Struct(ValueSchema.FindField("customer")!.Schema).Put("name", customer));

    private static SinkRecord Order(long offset, long id, string customer) =>
        new("orders", 0, KeySchema, new Struct(KeySchema).Put("id", id), ValueSchema, OrderValue(id, customer), offset);

    private static SinkRecord Tombstone(long offset, long id) =>
        new("orders", 0, KeySchema, new Struct(KeySchema).Put("id", id), null, null, offset);

    private static SinkRecord Line(long offset, string value) => new("orders", 0, null, null, Schema.String, value, offset);
}
