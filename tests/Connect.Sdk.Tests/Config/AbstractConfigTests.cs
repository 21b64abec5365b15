using Connect.Sdk.Config;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Tests.Config;

public class AbstractConfigTests
{
    private static readonly ConfigDef SampleDefinition = new ConfigDef()
        .Define("name", ConfigType.String, Importance.High, "docs")
        .Define("tasks.max", ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.High, "docs")
        .Define("batch.size", ConfigType.Short, (short)10, Importance.Low, "docs")
        .Define("offset", ConfigType.Long, 0L, Importance.Low, "docs")
        .Define("ratio", ConfigType.Double, 0.5, Importance.Low, "docs")
        .Define("enabled", ConfigType.Boolean, false, Importance.Low, "docs")
        .Define("topics", ConfigType.List, string.Empty, Importance.Low, "docs")
        .Define("api.key", ConfigType.Password, Importance.High, "docs")
        .Define("converter", ConfigType.Class, "org.apache.kafka.connect.json.JsonConverter", Importance.Low, "docs")
        .Define("nullable.int", ConfigType.Int, null, Importance.Low, "docs");

    private static TestConfig Create(params (string Key, string Value)[] extra)
    {
        var props = Props.Of(("name", "my-connector"), ("api.key", "hunter2"));
        foreach ((string key, string value) in extra)
        {
            props[key] = value;
        }

        return new TestConfig(props);
    }

    [Fact]
    public void Constructor_InvalidProperties_ThrowsConfigException()
    {
        Action create = () => new TestConfig(Props.Of(("api.key", "k")));

        create.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"name\" which has no default value.");
    }

    [Fact]
    public void TypedGetters_ReturnParsedValues()
    {
        TestConfig config = Create(
            ("tasks.max", "4"), ("batch.size", "7"), ("offset", "9000000000"), ("ratio", "0.25"),
            ("enabled", "TRUE"), ("topics", "a, b"), ("converter", " MyConverter "));

        config.GetString("name").Should().Be("my-connector");
        config.GetInt("tasks.max").Should().Be(4);
        config.GetShort("batch.size").Should().Be(7);
        config.GetLong("offset").Should().Be(9000000000L);
        config.GetDouble("ratio").Should().Be(0.25);
        config.GetBoolean("enabled").Should().BeTrue();
        config.GetList("topics").Should().Equal("a", "b");
        config.GetPassword("api.key")!.Value.Should().Be("hunter2");
        config.GetClass("converter").Should().Be("MyConverter");
    }

    [Fact]
    public void TypedGetters_ReturnDefaultsWhenAbsent()
    {
        TestConfig config = Create();

        config.GetInt("tasks.max").Should().Be(1);
        config.GetShort("batch.size").Should().Be(10);
        config.GetDouble("ratio").Should().Be(0.5);
        config.GetBoolean("enabled").Should().BeFalse();
        config.GetList("topics").Should().BeEmpty();
        config.GetClass("converter").Should().Be("org.apache.kafka.connect.json.JsonConverter");
    }

    [Fact]
    public void Get_UnknownKey_ThrowsWithKafkaMessage()
    {
        Action get = () => Create().Get("nope");

        get.Should().Throw<ConfigException>().WithMessage("Unknown configuration 'nope'");
    }

    [Fact]
    public void TypedGetter_OfWrongType_ThrowsInvalidCast()
    {
        Action get = () => Create().GetInt("name");

        get.Should().Throw<InvalidCastException>().WithMessage("Configuration 'name' is of type STRING, not INT.");
    }

    [Fact]
    public void ValueTypeGetter_ForNullValue_Throws()
    {
        TestConfig config = Create();

        Action get = () => config.GetInt("nullable.int");

        config.Get("nullable.int").Should().BeNull();
        get.Should().Throw<ConfigException>().WithMessage("Invalid value null for configuration nullable.int: Value must be non-null");
    }

    [Fact]
    public void UnusedKeys_ListsSuppliedKeysNotYetRead()
    {
        TestConfig config = Create(("tasks.max", "2"), ("typo.key", "x"), ("producer.override.acks", "all"));

        config.UnusedKeys.Should().BeEquivalentTo("api.key", "name", "producer.override.acks", "tasks.max", "typo.key");

        config.GetInt("tasks.max");
        config.GetString("name");
        config.Ignore("api.key");

        config.UnusedKeys.Should().Equal("producer.override.acks", "typo.key");
    }

    [Fact]
    public void UnusedKeys_ReadingThroughOriginalsOrValuesCountsAsUse()
    {
        TestConfig config = Create(("tasks.max", "2"), ("extra", "x"));

        _ = config.Originals["extra"];
        config.Values.TryGetValue("tasks.max", out _);
        _ = config.Originals.Count;

        config.UnusedKeys.Should().Equal("api.key", "name");
    }

    [Fact]
    public void OriginalsWithPrefix_StripsPrefixByDefault()
    {
        TestConfig config = Create(("producer.override.acks", "all"), ("producer.override.linger.ms", "5"), ("producer.override.", "bare"));

        IReadOnlyDictionary<string, string> overrides = config.OriginalsWithPrefix("producer.override.");

        overrides.Should().BeEquivalentTo(new Dictionary<string, string> { ["acks"] = "all", ["linger.ms"] = "5" });
    }

    [Fact]
    public void OriginalsWithPrefix_CanKeepPrefix()
    {
        TestConfig config = Create(("producer.override.acks", "all"));

        config.OriginalsWithPrefix("producer.override.", strip: false).Keys.Should().Equal("producer.override.acks");
    }

    [Theory]
    [InlineData(true, "acks")]
    [InlineData(false, "producer.override.acks")]
    public void OriginalsWithPrefix_ReadingAKeyMarksTheOriginalKeyUsed(bool strip, string lookup)
    {
        TestConfig config = Create(("producer.override.acks", "all"));

        _ = config.OriginalsWithPrefix("producer.override.", strip)[lookup];

        config.UnusedKeys.Should().NotContain("producer.override.acks");
    }

    [Fact]
    public void Originals_AreACopy()
    {
        var props = Props.Of(("name", "n"), ("api.key", "k"));
        var config = new TestConfig(props);

        props["name"] = "changed";
        props["added"] = "x";

        config.Originals["name"].Should().Be("n");
        config.Originals.Should().NotContainKey("added");
    }

    [Fact]
    public void ToString_ListsSortedValuesAndHidesPasswords()
    {
        string dump = Create(("topics", "a,b")).ToString();

        dump.Should().StartWith("TestConfig values: \n");
        dump.Should().Contain("\tapi.key = [hidden]\n").And.NotContain("hunter2");
        dump.Should().Contain("\ttopics = [a, b]\n");
        dump.Should().Contain("\tenabled = false\n");
        dump.Should().Contain("\tratio = 0.5\n");
        dump.Should().Contain("\tnullable.int = null\n");
        dump.IndexOf("\tapi.key", StringComparison.Ordinal).Should().BeLessThan(dump.IndexOf("\tbatch.size", StringComparison.Ordinal));
    }

    [Fact]
    public void LogValues_WritesOneEntryWithoutSecrets()
    {
        var logger = new ListLogger();

        Create().LogValues(logger);

        logger.Entries.Should().ContainSingle();
        logger.Entries[0].Level.Should().Be(LogLevel.Information);
        logger.Entries[0].Message.Should().Contain("\tapi.key = [hidden]").And.NotContain("hunter2");
    }

    [Fact]
    public void LogValues_DisabledLevel_WritesNothing()
    {
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };

        Create().LogValues(logger, LogLevel.Debug);

        logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public void LogUnused_WarnsForEachUnusedKey()
    {
        var logger = new ListLogger();
        TestConfig config = Create(("typo", "x"));
        config.GetString("name");
        config.GetPassword("api.key");

        config.LogUnused(logger);

        logger.Entries.Should().ContainSingle()
            .Which.Should().Be((LogLevel.Warning, "The configuration 'typo' was supplied but isn't a known config."));
    }

    [Fact]
    public void SimpleConfig_ParsesWithoutASubclass()
    {
        var config = new SimpleConfig(SampleDefinition, Props.Of(("name", "n"), ("api.key", "k"), ("tasks.max", "3")));

        config.GetInt("tasks.max").Should().Be(3);
        config.ToString().Should().StartWith("SimpleConfig values: \n");
    }

    private sealed class TestConfig(IReadOnlyDictionary<string, string> props) : AbstractConfig(SampleDefinition, props);

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
