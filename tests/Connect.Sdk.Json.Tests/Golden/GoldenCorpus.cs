using Connect.Sdk.Data;
using static Connect.Sdk.Json.Tests.Golden.Sources;

namespace Connect.Sdk.Json.Tests.Golden;

/// <summary>
/// The golden corpus: schemas and values with the exact bytes Kafka's JsonConverter writes for them. Golden/README.md
/// lists every case and explains the sources.
/// </summary>
public static class GoldenCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> ByName =
        new(() => All().ToDictionary(c => c.Name, StringComparer.Ordinal));

    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, GoldenCase> Cases => ByName.Value;

    /// <summary>Every case, in the order the README lists them.</summary>
    /// <returns>The cases.</returns>
    public static IEnumerable<GoldenCase> All() =>
        KafkaAssertions().Concat(KafkaInputs()).Concat(CapturedOutput()).Concat(DerivedCases());

    private static DateTime Epoch(long millis) => DateTime.UnixEpoch.AddTicks(millis * TimeSpan.TicksPerMillisecond);

    private static IEnumerable<GoldenCase> KafkaAssertions()
    {
        yield return new("boolean", KafkaAssertion("booleanToJson"), Schema.Boolean, true,
            """{"schema":{"type":"boolean","optional":false},"payload":true}""");
        yield return new("int8", KafkaAssertion("byteToJson"), Schema.Int8, (sbyte)12,
            """{"schema":{"type":"int8","optional":false},"payload":12}""");
        yield return new("int16", KafkaAssertion("shortToJson"), Schema.Int16, (short)12,
            """{"schema":{"type":"int16","optional":false},"payload":12}""");
        yield return new("int32", KafkaAssertion("intToJson"), Schema.Int32, 12,
            """{"schema":{"type":"int32","optional":false},"payload":12}""");
        yield return new("int64", KafkaAssertion("longToJson"), Schema.Int64, 4398046511104L,
            """{"schema":{"type":"int64","optional":false},"payload":4398046511104}""");
        yield return new("float32", KafkaAssertion("floatToJson"), Schema.Float32, 12.34f,
            """{"schema":{"type":"float","optional":false},"payload":12.34}""");
        yield return new("float64", KafkaAssertion("doubleToJson"), Schema.Float64, 12.34,
            """{"schema":{"type":"double","optional":false},"payload":12.34}""");
        yield return new("bytes", KafkaAssertion("bytesToJson"), Schema.Bytes, "test-string"u8.ToArray(),
            """{"schema":{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="}""");
        yield return new("string", KafkaAssertion("stringToJson"), Schema.String, "test-string",
            """{"schema":{"type":"string","optional":false},"payload":"test-string"}""");
        yield return new("array", KafkaAssertion("arrayToJson"), SchemaBuilder.Array(Schema.Int32).Build(), new List<int> { 1, 2, 3 },
            """{"schema":{"type":"array","items":{"type":"int32","optional":false},"optional":false},"payload":[1,2,3]}""");
        yield return new("map-string-keys", KafkaAssertion("mapToJsonStringKeys"),
            SchemaBuilder.Map(Schema.String, Schema.Int32).Build(),
            new Dictionary<string, int> { ["key1"] = 12, ["key2"] = 15 },
            """{"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}}""");
        yield return new("map-int-keys", KafkaAssertion("mapToJsonNonStringKeys"),
            SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build(),
            new Dictionary<int, int> { [1] = 12, [2] = 15 },
            """{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}""");

        var structSchema = SchemaBuilder.Struct().Field("field1", Schema.Boolean).Field("field2", Schema.String)
            .Field("field3", Schema.String).Field("field4", Schema.Boolean).Build();
        yield return new("struct", KafkaAssertion("structToJson"), structSchema,
            new Struct(structSchema).Put("field1", true).Put("field2", "string2").Put("field3", "string3").Put("field4", false),
            """{"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},{"type":"string","optional":false,"field":"field2"},{"type":"string","optional":false,"field":"field3"},{"type":"boolean","optional":false,"field":"field4"}],"optional":false},"payload":{"field1":true,"field2":"string2","field3":"string3","field4":false}}""");

        yield return new("decimal-base64", KafkaAssertion("decimalToJson (payload bytes {0, -100} as in decimalToConnect's \"AJw=\")"),
            ConnectDecimal.Schema(2), 1.56m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"AJw="}""");
        yield return new("decimal-numeric", KafkaAssertion("decimalToNumericJson"), ConnectDecimal.Schema(2), 1.56m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":1.56}""")
        {
            Settings = GoldenCase.Numeric,
        };
        yield return new("decimal-numeric-trailing-zeros", KafkaAssertion("decimalWithTrailingZerosToNumericJson"), ConnectDecimal.Schema(4), 1.5600m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"4"}},"payload":1.5600}""")
        {
            Settings = GoldenCase.Numeric,
        };
        yield return new("date", KafkaAssertion("dateToJson"), ConnectDate.Schema, DateTime.UnixEpoch.AddDays(10000),
            """{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":10000}""");
        yield return new("time", KafkaAssertion("timeToJson"), ConnectTime.Schema, Epoch(14400000),
            """{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1},"payload":14400000}""");
        yield return new("timestamp", KafkaAssertion("timestampToJson"), ConnectTimestamp.Schema, Epoch(4000000000),
            """{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":4000000000}""");

        yield return new("boolean-default", KafkaAssertion("testJsonSchemaMetadataTranslation (third assertion)"),
            SchemaBuilder.Boolean().DefaultValue(true).Build(), true,
            """{"schema":{"type":"boolean","optional":false,"default":true},"payload":true}""");
        yield return new("boolean-optional-null", KafkaAssertion("testJsonSchemaMetadataTranslation (second assertion)"),
            Schema.OptionalBoolean, null,
            """{"schema":{"type":"boolean","optional":true},"payload":null}""");
        yield return new("schema-metadata", KafkaAssertion("testJsonSchemaMetadataTranslation (fourth assertion)"),
            SchemaBuilder.Boolean().Required().Name("bool").Version(3).Doc("the documentation").Parameter("foo", "bar").Build(), true,
            """{"schema":{"type":"boolean","optional":false,"name":"bool","version":3,"doc":"the documentation","parameters":{"foo":"bar"}},"payload":true}""");

        yield return new("null-schema-boolean", KafkaAssertion("nullSchemaAndPrimitiveToJson"), null, true,
            """{"schema":null,"payload":true}""");
        yield return new("null-schema-array", KafkaAssertion("nullSchemaAndArrayToJson"), null, new List<object> { 1, "string", true },
            """{"schema":null,"payload":[1,"string",true]}""")
        {
            ReadBack = new SchemaAndValue(null, new List<object?> { 1L, "string", true }),
        };
        yield return new("null-schema-map", KafkaAssertion("nullSchemaAndMapToJson"), null,
            new Dictionary<string, object> { ["key1"] = 12, ["key2"] = "string", ["key3"] = true },
            """{"schema":null,"payload":{"key1":12,"key2":"string","key3":true}}""")
        {
            ReadBack = new SchemaAndValue(null, new Dictionary<string, object?> { ["key1"] = 12L, ["key2"] = "string", ["key3"] = true }),
        };
        yield return new("null-schema-map-non-string-keys", KafkaAssertion("nullSchemaAndMapNonStringKeysToJson (entries in the map's own order)"), null,
            new Dictionary<object, object> { ["string"] = 12, [52] = "string", [false] = true },
            """{"schema":null,"payload":[["string",12],[52,"string"],[false,true]]}""")
        {
            Direction = GoldenDirection.WriteOnly,
        };
        yield return new("tombstone", KafkaAssertion("nullSchemaAndNullValueToJson and nullToConnect"), null, null, null);
        yield return new("tombstone-schemas-disabled", KafkaAssertion("nullValueToJson"), null, null, null)
        {
            Settings = GoldenCase.SchemasDisabled,
        };
        yield return new("schemas-disabled-boolean", KafkaAssertion("noSchemaToJson and noSchemaToConnect"), null, true, "true")
        {
            Settings = GoldenCase.SchemasDisabled,
        };
        yield return new("schemas-disabled-int32", KafkaAssertion("noSchemaToJson (with a schema: the payload alone is written)"), Schema.Int32, 12, "12")
        {
            Settings = GoldenCase.SchemasDisabled,
            ReadBack = new SchemaAndValue(null, 12L),
        };
    }

    private static IEnumerable<GoldenCase> KafkaInputs()
    {
        GoldenCase Read(string name, string test, string json, Schema? schema, object? value) =>
            new(name, KafkaInput(test), schema, value, json) { Direction = GoldenDirection.ReadOnly };

        yield return Read("read-boolean", "booleanToConnect", """{ "schema": { "type": "boolean" }, "payload": true }""", Schema.Boolean, true);
        yield return Read("read-int64", "longToConnect", """{ "schema": { "type": "int64" }, "payload": 4398046511104 }""", Schema.Int64, 4398046511104L);
        yield return Read("read-float32", "floatToConnect", """{ "schema": { "type": "float" }, "payload": 12.34 }""", Schema.Float32, 12.34f);
        yield return Read("read-float64", "doubleToConnect", """{ "schema": { "type": "double" }, "payload": 12.34 }""", Schema.Float64, 12.34);
        yield return Read("read-bytes", "bytesToConnect", """{ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" }""", Schema.Bytes, "test-string"u8.ToArray());
        yield return Read("read-array", "arrayToConnect", """{ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] }""",
            SchemaBuilder.Array(Schema.Int32).Build(), new List<int> { 1, 2, 3 });
        yield return Read("read-map-string-keys", "mapToConnectStringKeys",
            """{ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": { "key1": 12, "key2": 15} }""",
            SchemaBuilder.Map(Schema.String, Schema.Int32).Build(), new Dictionary<string, int> { ["key1"] = 12, ["key2"] = 15 });
        yield return Read("read-map-int-keys", "mapToConnectNonStringKeys",
            """{ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [ [1, 12], [2, 15] ] }""",
            SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build(), new Dictionary<int, int> { [1] = 12, [2] = 15 });

        var structSchema = SchemaBuilder.Struct().Field("field1", Schema.Boolean).Field("field2", Schema.String).Build();
        yield return Read("read-struct", "structToConnect",
            """{ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, { "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": "string" } }""",
            structSchema, new Struct(structSchema).Put("field1", true).Put("field2", "string"));
        var optionalFieldSchema = SchemaBuilder.Struct().Field("optional", Schema.OptionalString).Field("required", Schema.String).Build();
        yield return Read("read-struct-optional-field", "structWithOptionalFieldToConnect",
            """{ "schema": { "type": "struct", "fields": [{ "field":"optional", "type": "string", "optional": true }, {  "field": "required", "type": "string" }] }, "payload": { "required": "required" } }""",
            optionalFieldSchema, new Struct(optionalFieldSchema).Put("required", "required"));
        yield return Read("read-schema-metadata", "testConnectSchemaMetadataTranslation",
            """{ "schema": { "type": "boolean", "optional": false, "name": "bool", "version": 2, "doc": "the documentation", "parameters": { "foo": "bar" }}, "payload": true }""",
            SchemaBuilder.Boolean().Required().Name("bool").Version(2).Doc("the documentation").Parameter("foo", "bar").Build(), true);
        yield return Read("read-boolean-default", "testConnectSchemaMetadataTranslation",
            """{ "schema": { "type": "boolean", "default": true }, "payload": null }""", SchemaBuilder.Boolean().DefaultValue(true).Build(), true);
        yield return Read("read-null-schema-null-payload", "nullSchemaPrimitiveToConnect", """{ "schema": null, "payload": null }""", null, null);
        yield return Read("read-null-schema-object", "nullSchemaPrimitiveToConnect", """{ "schema": null, "payload": { "field1": 1, "field2": 2} }""",
            null, new Dictionary<string, object?> { ["field1"] = 1L, ["field2"] = 2L });
        yield return Read("read-decimal", "decimalToConnect",
            """{ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" } }, "payload": "AJw=" }""",
            ConnectDecimal.Schema(2), 1.56m);
        yield return Read("read-decimal-optional-default", "decimalToConnectOptionalWithDefaultValue",
            """{ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "optional": true, "default": "AJw=", "parameters": { "scale": "2" } }, "payload": null }""",
            ConnectDecimal.Builder(2).Optional().DefaultValue(1.56m).Build(), 1.56m);
        yield return Read("read-date-default", "dateToConnectWithDefaultValue",
            """{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1, "default": 0 }, "payload": null }""",
            ConnectDate.Builder().DefaultValue(DateTime.UnixEpoch).Build(), DateTime.UnixEpoch);
        yield return Read("read-time", "timeToConnect",
            """{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1 }, "payload": 14400000 }""",
            ConnectTime.Schema, Epoch(14400000));
        yield return Read("read-timestamp-optional-default", "timestampToConnectOptionalWithDefaultValue",
            """{ "schema": { "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1,  "optional": true, "default": 42 }, "payload": null }""",
            ConnectTimestamp.Builder().Optional().DefaultValue(Epoch(42)).Build(), Epoch(42));
    }

    private static IEnumerable<GoldenCase> CapturedOutput()
    {
        var movies = SchemaBuilder.Struct().Name("movies")
            .Field("id", Schema.Int32)
            .Field("modified", ConnectTimestamp.Schema)
            .Field("title", Schema.OptionalString)
            .Field("year", Schema.OptionalInt32)
            .Build();
        yield return new("captured-jdbc-source", Captured("JDBC source connector record read with kafka-console-consumer (Confluent Platform 3.0, 2016)"),
            movies, new Struct(movies).Put("id", 1).Put("modified", Epoch(1468077175152)).Put("title", "Forrest Gump").Put("year", 1994),
            """{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"modified"},{"type":"string","optional":true,"field":"title"},{"type":"int32","optional":true,"field":"year"}],"optional":false,"name":"movies"},"payload":{"id":1,"modified":1468077175152,"title":"Forrest Gump","year":1994}}""");

        var key = SchemaBuilder.Struct().Name("cdc.inventory.orders.Key").Field("id", SchemaBuilder.Int32().DefaultValue(0).Build()).Build();
        yield return new("captured-debezium-key", Captured("Debezium record key read from Pub/Sub in a CDC tutorial"),
            key, new Struct(key).Put("id", 8),
            """{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"}],"optional":false,"name":"cdc.inventory.orders.Key"},"payload":{"id":8}}""");

        var row = SchemaBuilder.Struct().Optional().Name("dbserver1.public.transactions.Value")
            .Field("id", SchemaBuilder.Int32().DefaultValue(0).Build())
            .Field("user_id", Schema.OptionalInt32)
            .Field("amount", ConnectDecimal.Builder(2).Parameter("connect.decimal.precision", "10").Optional().Build())
            .Field("card_type", Schema.OptionalString)
            .Field("merchant_id", Schema.OptionalInt32)
            .Field("created_at", SchemaBuilder.Int64().Optional().Name("io.debezium.time.MicroTimestamp").Version(1).DefaultValue(0L).Build())
            .Build();
        var source = SchemaBuilder.Struct().Name("io.debezium.connector.postgresql.Source")
            .Field("version", Schema.String)
            .Field("connector", Schema.String)
            .Field("name", Schema.String)
            .Field("ts_ms", Schema.Int64)
            .Field("snapshot", SchemaBuilder.String().Optional().Name("io.debezium.data.Enum").Version(1)
                .Parameter("allowed", "true,last,false,incremental").DefaultValue("false").Build())
            .Field("db", Schema.String)
            .Field("sequence", Schema.OptionalString)
            .Field("schema", Schema.String)
            .Field("table", Schema.String)
            .Field("txId", Schema.OptionalInt64)
            .Field("lsn", Schema.OptionalInt64)
            .Field("xmin", Schema.OptionalInt64)
            .Build();
        var block = SchemaBuilder.Struct().Optional().Name("event.block").Version(1)
            .Field("id", Schema.String).Field("total_order", Schema.Int64).Field("data_collection_order", Schema.Int64).Build();
        var envelope = SchemaBuilder.Struct().Name("dbserver1.public.transactions.Envelope").Version(1)
            .Field("before", row).Field("after", row).Field("source", source)
            .Field("op", Schema.String).Field("ts_ms", Schema.OptionalInt64).Field("transaction", block)
            .Build();
        var value = new Struct(envelope)
            .Put("after", new Struct(row).Put("id", 38352).Put("user_id", 1715).Put("amount", 2358.73m)
                .Put("card_type", "MASTERCARD").Put("merchant_id", 40).Put("created_at", 1767806283683652L))
            .Put("source", new Struct(source).Put("version", "2.2.1.Final").Put("connector", "postgresql").Put("name", "dbserver1")
                .Put("ts_ms", 1767808116993L).Put("snapshot", "true").Put("db", "mydb").Put("sequence", "[null,\"646200496\"]")
                .Put("schema", "public").Put("table", "transactions").Put("txId", 4262L).Put("lsn", 646200496L))
            .Put("op", "r")
            .Put("ts_ms", 1767808119035L);
        yield return new("captured-debezium-envelope", Captured("Debezium 2.2.1 PostgreSQL change event read with kafka-console-consumer, quoted in a course exercise README"),
            envelope, value,
            """{"schema":{"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"},{"type":"int32","optional":true,"field":"user_id"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"amount"},{"type":"string","optional":true,"field":"card_type"},{"type":"int32","optional":true,"field":"merchant_id"},{"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"default":0,"field":"created_at"}],"optional":true,"name":"dbserver1.public.transactions.Value","field":"before"},{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"},{"type":"int32","optional":true,"field":"user_id"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"amount"},{"type":"string","optional":true,"field":"card_type"},{"type":"int32","optional":true,"field":"merchant_id"},{"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"default":0,"field":"created_at"}],"optional":true,"name":"dbserver1.public.transactions.Value","field":"after"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,last,false,incremental"},"default":"false","field":"snapshot"},{"type":"string","optional":false,"field":"db"},{"type":"string","optional":true,"field":"sequence"},{"type":"string","optional":false,"field":"schema"},{"type":"string","optional":false,"field":"table"},{"type":"int64","optional":true,"field":"txId"},{"type":"int64","optional":true,"field":"lsn"},{"type":"int64","optional":true,"field":"xmin"}],"optional":false,"name":"io.debezium.connector.postgresql.Source","field":"source"},{"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":false,"field":"total_order"},{"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,"name":"event.block","version":1,"field":"transaction"}],"optional":false,"name":"dbserver1.public.transactions.Envelope","version":1},"payload":{"before":null,"after":{"id":38352,"user_id":1715,"amount":"A5lh","card_type":"MASTERCARD","merchant_id":40,"created_at":1767806283683652},"source":{"version":"2.2.1.Final","connector":"postgresql","name":"dbserver1","ts_ms":1767808116993,"snapshot":"true","db":"mydb","sequence":"[null,\"646200496\"]","schema":"public","table":"transactions","txId":4262,"lsn":646200496,"xmin":null},"op":"r","ts_ms":1767808119035,"transaction":null}}""");
    }

    private static IEnumerable<GoldenCase> DerivedCases()
    {
        const string Order = "asJsonSchema member order (JsonConverter.java)";

        var address = SchemaBuilder.Struct().Name("com.acme.Address").Version(2).Doc("Postal address")
            .Field("street", Schema.String).Field("zip", Schema.OptionalString).Build();
        var line = SchemaBuilder.Struct().Field("sku", Schema.String).Field("qty", Schema.Int16).Build();
        var order = SchemaBuilder.Struct().Name("com.acme.Order").Version(1).Doc("An order").Parameter("owner", "sales")
            .Field("id", Schema.Int64)
            .Field("address", address)
            .Field("tags", SchemaBuilder.Map(Schema.String, SchemaBuilder.Array(Schema.Int64).Build()).Build())
            .Field("counts", SchemaBuilder.Map(Schema.Int32, Schema.OptionalString).Build())
            .Field("lines", SchemaBuilder.Array(line).Build())
            .Build();
        var orderValue = new Struct(order)
            .Put("id", 7L)
            .Put("address", new Struct(address).Put("street", "1 Main St"))
            .Put("tags", new Dictionary<string, List<long>> { ["a"] = [1, 2], ["b"] = [] })
            .Put("counts", new Dictionary<int, string?> { [1] = "one", [2] = null })
            .Put("lines", new List<Struct> { new Struct(line).Put("sku", "X-1").Put("qty", (short)3), new Struct(line).Put("sku", "Y-2").Put("qty", (short)-1) });
        yield return new("nested-struct-array-map", Derived($"{Order}; nested schemas written in place; string-keyed map as an object, int-keyed map as [key,value] pairs"),
            order, orderValue,
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"street"},{"type":"string","optional":true,"field":"zip"}],"optional":false,"name":"com.acme.Address","version":2,"doc":"Postal address","field":"address"},{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"array","items":{"type":"int64","optional":false},"optional":false},"optional":false,"field":"tags"},{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":true},"optional":false,"field":"counts"},{"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"sku"},{"type":"int16","optional":false,"field":"qty"}],"optional":false},"optional":false,"field":"lines"}],"optional":false,"name":"com.acme.Order","version":1,"doc":"An order","parameters":{"owner":"sales"}},"payload":{"id":7,"address":{"street":"1 Main St","zip":null},"tags":{"a":[1,2],"b":[]},"counts":[[1,"one"],[2,null]],"lines":[{"sku":"X-1","qty":3},{"sku":"Y-2","qty":-1}]}}""");

        var optionals = SchemaBuilder.Struct()
            .Field("b", Schema.OptionalBoolean).Field("i8", Schema.OptionalInt8).Field("i16", Schema.OptionalInt16)
            .Field("i32", Schema.OptionalInt32).Field("i64", Schema.OptionalInt64).Field("f32", Schema.OptionalFloat32)
            .Field("f64", Schema.OptionalFloat64).Field("s", Schema.OptionalString).Field("by", Schema.OptionalBytes)
            .Field("dec", ConnectDecimal.Builder(2).Optional().Build()).Field("date", ConnectDate.OptionalSchema)
            .Field("time", ConnectTime.OptionalSchema).Field("ts", ConnectTimestamp.OptionalSchema)
            .Field("arr", SchemaBuilder.Array(Schema.Int32).Optional().Build())
            .Field("map", SchemaBuilder.Map(Schema.String, Schema.String).Optional().Build())
            .Field("st", SchemaBuilder.Struct().Field("x", Schema.Int32).Optional().Build())
            .Build();
        yield return new("optional-fields-null", Derived($"{Order}; a null optional field is written as null"), optionals, new Struct(optionals),
            """{"schema":{"type":"struct","fields":[{"type":"boolean","optional":true,"field":"b"},{"type":"int8","optional":true,"field":"i8"},{"type":"int16","optional":true,"field":"i16"},{"type":"int32","optional":true,"field":"i32"},{"type":"int64","optional":true,"field":"i64"},{"type":"float","optional":true,"field":"f32"},{"type":"double","optional":true,"field":"f64"},{"type":"string","optional":true,"field":"s"},{"type":"bytes","optional":true,"field":"by"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"dec"},{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"date"},{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"time"},{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},{"type":"array","items":{"type":"int32","optional":false},"optional":true,"field":"arr"},{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"string","optional":false},"optional":true,"field":"map"},{"type":"struct","fields":[{"type":"int32","optional":false,"field":"x"}],"optional":true,"field":"st"}],"optional":false},"payload":{"b":null,"i8":null,"i16":null,"i32":null,"i64":null,"f32":null,"f64":null,"s":null,"by":null,"dec":null,"date":null,"time":null,"ts":null,"arr":null,"map":null,"st":null}}""");

        var defaults = SchemaBuilder.Struct()
            .Field("n", SchemaBuilder.Int32().DefaultValue(42).Build())
            .Field("s", SchemaBuilder.String().Optional().DefaultValue("dflt").Build())
            .Field("d", ConnectDate.Builder().DefaultValue(DateTime.UnixEpoch.AddDays(1)).Build())
            .Field("dec", ConnectDecimal.Builder(2).DefaultValue(1.56m).Build())
            .Build();
        yield return new("field-defaults", Derived($"{Order} with default after parameters (as in captured-debezium-envelope); null fields replaced by their defaults (replace.null.with.default=true)"),
            defaults, new Struct(defaults),
            """{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":42,"field":"n"},{"type":"string","optional":true,"default":"dflt","field":"s"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"default":1,"field":"d"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"default":"AJw=","field":"dec"}],"optional":false},"payload":{"n":42,"s":"dflt","d":1,"dec":"AJw="}}""")
        {
            ReadBack = new SchemaAndValue(defaults, new Struct(defaults).Put("n", 42).Put("s", "dflt").Put("d", DateTime.UnixEpoch.AddDays(1)).Put("dec", 1.56m)),
        };

        var stringDefault = SchemaBuilder.String().Optional().DefaultValue("default").Build();
        yield return new("null-to-default", Derived("replace.null.with.default=true (KIP-581, apache/kafka PR #13419): a null value of a schema with a default is written as the default"),
            stringDefault, null,
            """{"schema":{"type":"string","optional":true,"default":"default"},"payload":"default"}""")
        {
            ReadBack = new SchemaAndValue(stringDefault, "default"),
        };
        yield return new("null-to-null", Derived("replace.null.with.default=false (KIP-581, apache/kafka PR #13419): the null stays null; the schema still carries the default"),
            stringDefault, null,
            """{"schema":{"type":"string","optional":true,"default":"default"},"payload":null}""")
        {
            Settings = GoldenCase.KeepNulls,
        };
        var fieldDefault = SchemaBuilder.Struct().Field("field1", stringDefault).Build();
        yield return new("field-null-to-default", Derived("replace.null.with.default=true for a struct field (apache/kafka PR #13781)"),
            fieldDefault, new Struct(fieldDefault),
            """{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false},"payload":{"field1":"default"}}""")
        {
            ReadBack = new SchemaAndValue(fieldDefault, new Struct(fieldDefault).Put("field1", "default")),
        };
        yield return new("field-null-to-null", Derived("replace.null.with.default=false for a struct field (apache/kafka PR #13781: fields are read with getWithoutDefault)"),
            fieldDefault, new Struct(fieldDefault),
            """{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false},"payload":{"field1":null}}""")
        {
            Settings = GoldenCase.KeepNulls,
        };

        const string Unscaled = "Decimal.fromLogical: big-endian two's complement of the unscaled value (BigInteger.toByteArray), base64 as Jackson's binary node";
        yield return new("decimal-negative", Derived(Unscaled), ConnectDecimal.Schema(2), -1.56m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"/2Q="}""");
        yield return new("decimal-zero", Derived(Unscaled), ConnectDecimal.Schema(2), 0.00m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"AA=="}""");
        yield return new("decimal-max", Derived(Unscaled + "; a positive value with the top bit set gets a leading zero byte"),
            ConnectDecimal.Schema(0), decimal.MaxValue,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"0"}},"payload":"AP///////////////w=="}""");

        const string BigDecimalText = "decimal.format=NUMERIC writes the BigDecimal node with BigDecimal.toString (scientific below 10^-6)";
        yield return new("decimal-numeric-tiny", Derived(BigDecimalText), ConnectDecimal.Schema(8), 0.00000001m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"8"}},"payload":1E-8}""")
        {
            Settings = GoldenCase.Numeric,
        };
        yield return new("decimal-numeric-zero", Derived(BigDecimalText), ConnectDecimal.Schema(8), 0m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"8"}},"payload":0E-8}""")
        {
            Settings = GoldenCase.Numeric,
        };
        yield return new("decimal-numeric-negative", Derived(BigDecimalText), ConnectDecimal.Schema(3), -12.5m,
            """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"3"}},"payload":-12.500}""")
        {
            Settings = GoldenCase.Numeric,
        };
        var numericDefault = ConnectDecimal.Builder(2).Optional().DefaultValue(1.56m).Build();
        yield return new("decimal-numeric-default", Derived(BigDecimalText + "; the default is written with the same format"),
            numericDefault, null,
            """{"schema":{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"default":1.56},"payload":1.56}""")
        {
            Settings = GoldenCase.Numeric,
            ReadBack = new SchemaAndValue(numericDefault, 1.56m),
        };

        const string JavaNumbers = "Jackson writes double/float with Double/Float.toString; digits checked against JDK 25 (java-numbers.tsv)";
        yield return new("float64-edge-values", Derived(JavaNumbers), SchemaBuilder.Array(Schema.Float64).Build(),
            new List<double> { 0.001, 1e7, 9.99e-4, 1.0, 0.1, 1e20, 2e23, double.Epsilon, -1.5e-10, 123456789.0 },
            """{"schema":{"type":"array","items":{"type":"double","optional":false},"optional":false},"payload":[0.001,1.0E7,9.99E-4,1.0,0.1,1.0E20,2.0E23,4.9E-324,-1.5E-10,1.23456789E8]}""");
        yield return new("float32-edge-values", Derived(JavaNumbers), SchemaBuilder.Array(Schema.Float32).Build(),
            new List<float> { 1e20f, float.Epsilon, float.MaxValue, 0.1f, 16777216f, 100f },
            """{"schema":{"type":"array","items":{"type":"float","optional":false},"optional":false},"payload":[1.0E20,1.4E-45,3.4028235E38,0.1,1.6777216E7,100.0]}""");

        const string Escaping = "Jackson's default escaping, checked against bytes written by Jackson 2.14";
        yield return new("string-escaping", Derived(Escaping), Schema.String,
            "q\"b\\t\tn\nc\u0001e\u00e9\u20ac\ud83d\ude00<>&'/\u007f",
            "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"q\\\"b\\\\t\\tn\\nc\\u0001e\u00e9\u20ac\\uD83D\\uDE00<>&'/\u007f\"}");
        yield return new("map-key-escaping", Derived(Escaping + "; map keys are member names"),
            SchemaBuilder.Map(Schema.String, Schema.Int32).Build(),
            new Dictionary<string, int> { ["k\"1"] = 1, ["\u00e9"] = 2, ["\ud83d\ude00"] = 3 },
            "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"int32\",\"optional\":false},\"optional\":false},\"payload\":{\"k\\\"1\":1,\"\u00e9\":2,\"\\uD83D\\uDE00\":3}}");

        var logical = SchemaBuilder.Struct().Field("date", ConnectDate.Schema).Field("time", ConnectTime.Schema).Field("ts", ConnectTimestamp.Schema).Build();
        yield return new("logical-types", Derived($"{Order}; Date as days, Time as milliseconds of the day, Timestamp as epoch milliseconds"),
            logical,
            new Struct(logical)
                .Put("date", new DateTime(2024, 3, 15, 0, 0, 0, DateTimeKind.Utc))
                .Put("time", Epoch(49530250))
                .Put("ts", new DateTime(2024, 3, 15, 13, 45, 30, 250, DateTimeKind.Utc)),
            """{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"date"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1,"field":"time"},{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"}],"optional":false},"payload":{"date":19797,"time":49530250,"ts":1710510330250}}""");

        const string Schemaless = "convertToJson with a null schema: type from the value, maps with only string keys as objects";
        yield return new("schemaless-values", Derived(Schemaless), null,
            new Dictionary<string, object?>
            {
                ["a"] = new List<object?> { 1, 2.5, "x", null, true },
                ["b"] = new byte[] { 1, 2, 3 },
                ["c"] = new Dictionary<string, object> { ["d"] = -7L },
                ["f"] = 1.5f,
            },
            """{"a":[1,2.5,"x",null,true],"b":"AQID","c":{"d":-7},"f":1.5}""")
        {
            Settings = GoldenCase.SchemasDisabled,
            ReadBack = new SchemaAndValue(null, new Dictionary<string, object?>
            {
                ["a"] = new List<object?> { 1L, 2.5, "x", null, true },
                ["b"] = "AQID",
                ["c"] = new Dictionary<string, object?> { ["d"] = -7L },
                ["f"] = 1.5,
            }),
        };
        yield return new("schemaless-pair-map", Derived(Schemaless + ", others as [key,value] pairs"), null,
            new Dictionary<object, object> { [1] = "one", ["two"] = 2L },
            """[[1,"one"],["two",2]]""")
        {
            Settings = GoldenCase.SchemasDisabled,
            ReadBack = new SchemaAndValue(null, new List<object?> { new List<object?> { 1L, "one" }, new List<object?> { "two", 2L } }),
        };
    }
}
