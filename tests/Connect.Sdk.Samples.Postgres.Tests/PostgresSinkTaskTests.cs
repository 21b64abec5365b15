using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Postgres.Tests.Infrastructure;
using Connect.Sdk.Sink;
using Xunit.Abstractions;

namespace Connect.Sdk.Samples.Postgres.Tests;

public sealed class PostgresSinkTaskTests(ITestOutputHelper output) : PostgresTestBase(output)
{
    private static readonly Schema OrderKey = SchemaBuilder.Struct().Name("test.OrderKey").Field("id", Schema.Int64).Build();

    private static readonly Schema Order = SchemaBuilder.Struct().Name("test.Order")
        .Field("id", Schema.Int64)
        .Field("product", Schema.String)
        .Field("price", ConnectDecimal.Schema(2))
        .Build();

    private static readonly Schema OrderWithNote = SchemaBuilder.Struct().Name("test.Order")
        .Field("id", Schema.Int64)
        .Field("product", Schema.String)
        .Field("price", ConnectDecimal.Schema(2))
        .Field("note", Schema.OptionalString)
        .Build();

    [Fact]
    public async Task Put_AutoCreate_MapsEveryConnectTypeToAPostgresColumn()
    {
        if (Unavailable()) return;
        var table = Table("types");
        var schema = SchemaBuilder.Struct().Name("test.AllTypes")
            .Field("id", Schema.Int64)
            .Field("i8", Schema.Int8)
            .Field("i16", Schema.Int16)
            .Field("i32", Schema.Int32)
            .Field("f32", Schema.Float32)
            .Field("f64", Schema.Float64)
            .Field("flag", Schema.Boolean)
            .Field("name", Schema.String)
            .Field("blob", Schema.Bytes)
            .Field("amount", ConnectDecimal.Builder(4).Optional().Build())
            .Field("day", ConnectDate.Schema)
            .Field("at_time", ConnectTime.Schema)
            .Field("created", ConnectTimestamp.Schema)
            .Field("note", Schema.OptionalString)
            .Build();
        var value = new Struct(schema)
            .Put("id", 1L)
            .Put("i8", (sbyte)-8)
            .Put("i16", (short)1600)
            .Put("i32", 320_000)
            .Put("f32", 1.5f)
            .Put("f64", 2.25)
            .Put("flag", true)
            .Put("name", "Grüße, 'quoted'")
            .Put("blob", new byte[] { 0, 1, 254, 255 })
            .Put("amount", 12345678901234.5678m)
            .Put("day", new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc))
            .Put("at_time", DateTime.UnixEpoch.AddHours(13).AddMinutes(45).AddMilliseconds(123))
            .Put("created", new DateTime(2024, 5, 1, 12, 30, 15, 250, DateTimeKind.Utc));
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "id")));

        await task.PutAsync([Record(table, 0, null, null, schema, value)], default);

        (await ColumnsAsync(table)).Should().Equal(
            "id bigint NOT NULL",
            "i8 smallint NOT NULL",
            "i16 smallint NOT NULL",
            "i32 integer NOT NULL",
            "f32 real NOT NULL",
            "f64 double precision NOT NULL",
            "flag boolean NOT NULL",
            "name text NOT NULL",
            "blob bytea NOT NULL",
            "amount numeric NULL",
            "day date NOT NULL",
            "at_time time without time zone NOT NULL",
            "created timestamp with time zone NOT NULL",
            "note text NULL");
        var row = (await QueryAsync($"SELECT id, i8, i16, i32, f32, f64, flag, name, blob, amount, day::text, at_time::text, created, note FROM \"{table}\"")).Single();
        row.Should().BeEquivalentTo(
            new object?[]
            {
                1L,
                (short)-8,
                (short)1600,
                320_000,
                1.5f,
                2.25,
                true,
                "Grüße, 'quoted'",
                new byte[] { 0, 1, 254, 255 },
                12345678901234.5678m,
                "2024-02-29",
                "13:45:00.123",
                new DateTime(2024, 5, 1, 12, 30, 15, 250, DateTimeKind.Utc),
                null,
            },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Put_AutoCreate_RecordKeyStruct_MakesTheKeyFieldsThePrimaryKey()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_key")));

        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 12.50m)], default);

        (await PrimaryKeyAsync(table)).Should().Equal("id");
        (await ColumnsAsync(table)).Should().Equal("id bigint NOT NULL", "product text NOT NULL", "price numeric NOT NULL");
        (await QueryAsync($"SELECT id, product, price FROM \"{table}\"")).Should().BeEquivalentTo([new object[] { 1L, "mug", 12.50m }]);
    }

    [Fact]
    public async Task Put_Upsert_OverwritesRowsWithTheSameKey()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("insert.mode", "upsert"), ("pk.mode", "record_value"), ("pk.fields", "id")));

        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 12.50m), OrderRecord(table, 1, 2, "tea", 4.00m)], default);
        await task.PutAsync([OrderRecord(table, 2, 1, "big mug", 15.00m), OrderRecord(table, 3, 1, "huge mug", 19.99m)], default);

        (await QueryAsync($"SELECT id, product, price FROM \"{table}\" ORDER BY id")).Should().BeEquivalentTo(
            [new object[] { 1L, "huge mug", 19.99m }, new object[] { 2L, "tea", 4.00m }],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Put_PrimitiveRecordKey_IsTheConnectKeyColumnOrTheNamedOne()
    {
        if (Unavailable()) return;
        var defaultName = Table("by_default");
        var named = Table("named");
        var defaultTask = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_key")));
        var namedTask = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_key"), ("pk.fields", "order_code"), ("insert.mode", "upsert")));
        var value = new Struct(Order).Put("id", 1L).Put("product", "mug").Put("price", 1m);

        await defaultTask.PutAsync([Record(defaultName, 0, Schema.OptionalString, "A-1", Order, value)], default);
        await namedTask.PutAsync([Record(named, 0, Schema.OptionalString, "A-1", Order, value), Record(named, 1, Schema.OptionalString, "A-1", Order, value)], default);

        (await PrimaryKeyAsync(defaultName)).Should().Equal("__connect_key");
        (await ColumnsAsync(defaultName)).Should().StartWith("__connect_key text NOT NULL");
        (await PrimaryKeyAsync(named)).Should().Equal("order_code");
        (await QueryAsync($"SELECT order_code, id FROM \"{named}\"")).Should().BeEquivalentTo([new object[] { "A-1", 1L }]);
    }

    [Fact]
    public async Task Put_PkModeNone_AppendsEveryRecordToATableWithoutKey()
    {
        if (Unavailable()) return;
        var table = Table("events");
        var task = StartTask(Settings(("auto.create", "true")));

        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m), OrderRecord(table, 1, 1, "mug", 1m)], default);

        (await PrimaryKeyAsync(table)).Should().BeEmpty();
        (await QueryAsync($"SELECT count(*) FROM \"{table}\"")).Single()[0].Should().Be(2L);
    }

    [Fact]
    public async Task Put_PkFieldNotInTheValue_IsAnErrorThatNamesTheFields()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "order_id")));

        var put = async () => await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        (await put.Should().ThrowAsync<DataException>()).WithMessage(
            "The primary key field 'order_id' (pk.fields) is not a field of the value schema test.Order, which has: id, product, price.");
    }

    [Fact]
    public async Task Put_NewOptionalField_AutoEvolveAddsTheColumn()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("auto.evolve", "true"), ("pk.mode", "record_value"), ("pk.fields", "id")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        var withNote = new Struct(OrderWithNote).Put("id", 2L).Put("product", "tea").Put("price", 2m).Put("note", "gift");
        await task.PutAsync([Record(table, 1, null, null, OrderWithNote, withNote), OrderRecord(table, 2, 3, "pot", 3m)], default);

        (await ColumnsAsync(table)).Should().Equal("id bigint NOT NULL", "product text NOT NULL", "price numeric NOT NULL", "note text NULL");
        (await QueryAsync($"SELECT id, note FROM \"{table}\" ORDER BY id")).Should().BeEquivalentTo(
            [new object?[] { 1L, null }, new object?[] { 2L, "gift" }, new object?[] { 3L, null }],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Put_NewRequiredFieldWithADefault_AddsAColumnWithThatDefault()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("auto.evolve", "true"), ("pk.mode", "record_value"), ("pk.fields", "id")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);
        var withStatus = SchemaBuilder.Struct().Name("test.Order")
            .Field("id", Schema.Int64)
            .Field("product", Schema.String)
            .Field("price", ConnectDecimal.Schema(2))
            .Field("status", SchemaBuilder.String().DefaultValue("it's new").Build())
            .Build();
        var shipped = new Struct(withStatus).Put("id", 2L).Put("product", "tea").Put("price", 2m).Put("status", "shipped");

        await task.PutAsync([Record(table, 1, null, null, withStatus, shipped)], default);

        (await ColumnsAsync(table)).Should().Contain("status text NOT NULL");
        (await QueryAsync($"SELECT id, status FROM \"{table}\" ORDER BY id")).Should().BeEquivalentTo(
            [new object[] { 1L, "it's new" }, new object[] { 2L, "shipped" }],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Put_NewRequiredFieldWithoutDefault_CannotBeAdded()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("auto.evolve", "true")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);
        var withRequired = SchemaBuilder.Struct().Name("test.Order").Field("id", Schema.Int64).Field("warehouse", Schema.String).Build();

        var put = async () => await task.PutAsync([Record(table, 1, null, null, withRequired, new Struct(withRequired).Put("id", 2L).Put("warehouse", "north"))], default);

        (await put.Should().ThrowAsync<ConnectException>()).WithMessage(
            $"Cannot ALTER TABLE \"{table}\" to add missing field warehouse, as the field is not optional and does not have a default value");
    }

    [Fact]
    public async Task Put_NewField_AutoEvolveDisabled_IsAnError()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        var withNote = new Struct(OrderWithNote).Put("id", 2L).Put("product", "tea").Put("price", 2m);
        var put = async () => await task.PutAsync([Record(table, 1, null, null, OrderWithNote, withNote)], default);

        (await put.Should().ThrowAsync<ConnectException>()).WithMessage($"Table \"{table}\" is missing fields (note) and auto-evolution is disabled");
        (await ColumnsAsync(table)).Should().HaveCount(3);
    }

    [Fact]
    public async Task Put_MissingTable_AutoCreateDisabled_FailsWithKafkasMessage()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings());

        var put = async () => await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        (await put.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Be($"Table \"{table}\" is missing and auto-creation is disabled");
        (await QueryAsync($"SELECT to_regclass('\"{table}\"')")).Single()[0].Should().BeNull();
    }

    [Fact]
    public async Task Put_MissingTable_WithAReporter_ReportsItsRecordsAndWritesTheOthers()
    {
        if (Unavailable()) return;
        var existing = Table("orders");
        var missing = Table("payments");
        await ExecuteAsync($"CREATE TABLE \"{existing}\" (id BIGINT PRIMARY KEY, product TEXT NOT NULL, price NUMERIC NOT NULL)");
        var reporter = new RecordingReporter();
        var config = Settings(("pk.mode", "record_value"), ("pk.fields", "id"));
        var task = StartTask(config, new FakeSinkTaskContext(config, reporter));
        var lost = OrderRecord(missing, 1, 2, "card", 5m);

        await task.PutAsync([OrderRecord(existing, 0, 1, "mug", 1m), lost, OrderRecord(existing, 2, 3, "tea", 2m)], default);

        reporter.Reports.Should().ContainSingle().Which.Record.Should().BeSameAs(lost);
        reporter.Reports[0].Error.Message.Should().Be($"Table \"{missing}\" is missing and auto-creation is disabled");
        (await QueryAsync($"SELECT id FROM \"{existing}\" ORDER BY id")).Select(r => r[0]).Should().Equal(1L, 3L);
    }

    [Fact]
    public async Task Put_RowTheDatabaseRejects_RollsBackTheWholeBatch()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "id")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        var put = async () => await task.PutAsync([OrderRecord(table, 1, 2, "tea", 2m), OrderRecord(table, 2, 1, "duplicate", 3m), OrderRecord(table, 3, 3, "pot", 4m)], default);

        var error = (await put.Should().ThrowAsync<ConnectException>()).Which;
        error.Message.Should().Contain("offset=2").And.Contain("23505").And.Contain("rolled back");
        (await QueryAsync($"SELECT id FROM \"{table}\"")).Select(r => r[0]).Should().Equal(1L);
    }

    [Fact]
    public async Task Put_RowTheDatabaseRejects_WithAReporter_ReportsItAndCommitsTheRest()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var reporter = new RecordingReporter();
        var config = Settings(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "id"));
        var task = StartTask(config, new FakeSinkTaskContext(config, reporter));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);
        var duplicate = OrderRecord(table, 2, 1, "duplicate", 3m);

        await task.PutAsync([OrderRecord(table, 1, 2, "tea", 2m), duplicate, OrderRecord(table, 3, 3, "pot", 4m)], default);

        reporter.Reports.Should().ContainSingle().Which.Record.Should().BeSameAs(duplicate);
        reporter.Reports[0].Error.Message.Should().Contain("23505");
        (await QueryAsync($"SELECT id, product FROM \"{table}\" ORDER BY id")).Should().BeEquivalentTo(
            [new object[] { 1L, "mug" }, new object[] { 2L, "tea" }, new object[] { 3L, "pot" }],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Put_MoreRecordsThanBatchSize_WritesThemAllInOneTransaction()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_value"), ("pk.fields", "id"), ("batch.size", "2")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m)], default);

        var failing = async () => await task.PutAsync([.. Enumerable.Range(10, 5).Select(i => OrderRecord(table, i, i, "x", 1m)), OrderRecord(table, 15, 1, "dup", 1m)], default);
        await failing.Should().ThrowAsync<ConnectException>();
        var countAfterFailure = (await QueryAsync($"SELECT count(*) FROM \"{table}\"")).Single()[0];
        await task.PutAsync([.. Enumerable.Range(10, 5).Select(i => OrderRecord(table, i, i, "x", 1m))], default);

        countAfterFailure.Should().Be(1L, "the statements sent in earlier round trips were rolled back too");
        (await QueryAsync($"SELECT count(*) FROM \"{table}\"")).Single()[0].Should().Be(6L);
    }

    [Fact]
    public async Task Put_Tombstone_DeleteEnabled_DeletesTheRow()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true"), ("pk.mode", "record_key"), ("delete.enabled", "true"), ("insert.mode", "upsert")));
        await task.PutAsync([OrderRecord(table, 0, 1, "mug", 1m), OrderRecord(table, 1, 2, "tea", 2m)], default);

        await task.PutAsync([Record(table, 2, OrderKey, Key(1), null, null), OrderRecord(table, 3, 3, "pot", 3m), Record(table, 4, OrderKey, Key(3), null, null), OrderRecord(table, 5, 3, "new pot", 4m)], default);

        (await QueryAsync($"SELECT id, product FROM \"{table}\" ORDER BY id")).Should().BeEquivalentTo(
            [new object[] { 2L, "tea" }, new object[] { 3L, "new pot" }],
            o => o.WithStrictOrdering(),
            "records are applied in order: the delete of 3 comes before its re-insert");
    }

    [Fact]
    public async Task Put_Tombstone_DeleteDisabled_IsAnErrantRecord()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var reporter = new RecordingReporter();
        var config = Settings(("auto.create", "true"), ("pk.mode", "record_key"));
        var task = StartTask(config, new FakeSinkTaskContext(config, reporter));

        await task.PutAsync([Record(table, 7, OrderKey, Key(1), null, null), OrderRecord(table, 8, 2, "tea", 2m)], default);

        reporter.Reports.Should().ContainSingle().Which.Error.Message.Should().Be(
            "The PostgreSQL sink connector 'pg-test' is configured with 'delete.enabled=false' and 'pk.mode=record_key' and therefore requires non-null record values that are structs, "
            + $"but found record at (topic='{table}',partition=0,offset=7,timestamp=null) with a null value and null value schema.");
        (await QueryAsync($"SELECT id FROM \"{table}\"")).Select(r => r[0]).Should().Equal(2L);
    }

    [Fact]
    public async Task Put_SchemalessValue_IsAnErrantRecord()
    {
        if (Unavailable()) return;
        var table = Table("orders");
        var task = StartTask(Settings(("auto.create", "true")));

        var put = async () => await task.PutAsync([Record(table, 0, null, null, null, new Dictionary<string, object?> { ["id"] = 1L })], default);

        (await put.Should().ThrowAsync<DataException>()).Which.Message.Should().Contain("structs with a schema").And.Contain("schemas.enable=true");
    }

    [Fact]
    public async Task Put_TableNameFormat_WithSchemaAndDottedTopic()
    {
        if (Unavailable()) return;
        var schema = Table("sample_schema");
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"");
        DropAfterwards($"\"{schema}\".\"db.orders\"");
        var task = StartTask(Settings(("auto.create", "true"), ("table.name.format", schema + ".${topic}")));

        await task.PutAsync([OrderRecord("db.orders", 0, 1, "mug", 1m)], default);

        (await QueryAsync($"SELECT id FROM \"{schema}\".\"db.orders\"")).Select(r => r[0]).Should().Equal(1L);
        await ExecuteAsync($"DROP SCHEMA \"{schema}\" CASCADE");
    }

    [Fact]
    public async Task Put_WrongPassword_FailsWithAMessageAboutTheCredentials()
    {
        if (Unavailable()) return;
        var task = StartTask(Settings(("connection.password", "not-the-password")));

        var put = async () => await task.PutAsync([OrderRecord("orders", 0, 1, "mug", 1m)], default);

        var error = (await put.Should().ThrowAsync<ConnectException>()).Which;
        error.Should().NotBeOfType<RetriableException>();
        error.Message.Should().Contain("refused the login").And.Contain("connection.password").And.NotContain("not-the-password");
    }

    private static Struct Key(long id) => new Struct(OrderKey).Put("id", id);

    private static SinkRecord OrderRecord(string topic, long offset, long id, string product, decimal price) =>
        Record(topic, offset, OrderKey, Key(id), Order, new Struct(Order).Put("id", id).Put("product", product).Put("price", price));

    private static SinkRecord Record(string topic, long offset, Schema? keySchema, object? key, Schema? valueSchema, object? value) =>
        new(topic, 0, keySchema, key, valueSchema, value, offset);
}
