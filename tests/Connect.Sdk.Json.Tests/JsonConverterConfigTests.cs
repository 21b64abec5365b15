using Connect.Sdk.Config;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

public class JsonConverterConfigTests
{
    [Fact]
    public void Unconfigured_UsesKafkaDefaults()
    {
        var config = new JsonConverter().Config;

        config.SchemasEnabled.Should().BeTrue();
        config.SchemaCacheSize.Should().Be(1000);
        config.DecimalFormat.Should().Be(DecimalFormat.Base64);
        config.ReplaceNullWithDefault.Should().BeTrue();
        config.Type.Should().Be(ConverterType.Value);
    }

    [Fact]
    public void Configure_EmptySettings_UsesKafkaDefaults()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>(), isKey: true);

        converter.Config.SchemasEnabled.Should().BeTrue();
        converter.Config.SchemaCacheSize.Should().Be(1000);
        converter.Config.DecimalFormat.Should().Be(DecimalFormat.Base64);
        converter.Config.ReplaceNullWithDefault.Should().BeTrue();
        converter.Config.Type.Should().Be(ConverterType.Key);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData(" true ", true)]
    [InlineData("True", true)]
    public void SchemasEnable_ParsesBooleansLikeConfigDef(string value, bool expected) =>
        Value((JsonConverter.SchemasEnableConfig, value)).Config.SchemasEnabled.Should().Be(expected);

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void ReplaceNullWithDefault_ParsesBooleans(string value, bool expected) =>
        Value((JsonConverter.ReplaceNullWithDefaultConfig, value)).Config.ReplaceNullWithDefault.Should().Be(expected);

    [Theory]
    [InlineData("10", 10)]
    [InlineData(" 0 ", 0)]
    public void SchemasCacheSize_ParsesInt(string value, int expected) =>
        Value((JsonConverter.SchemasCacheSizeConfig, value)).Config.SchemaCacheSize.Should().Be(expected);

    [Theory]
    [InlineData("NUMERIC", true)]
    [InlineData("numeric", true)]
    [InlineData("Base64", false)]
    public void DecimalFormat_IsCaseInsensitive(string value, bool numeric) =>
        Value((JsonConverter.DecimalFormatConfig, value)).Config.DecimalFormat.Should().Be(numeric ? DecimalFormat.Numeric : DecimalFormat.Base64);

    [Theory]
    [InlineData(JsonConverter.SchemasEnableConfig, "maybe", "Invalid value maybe for configuration schemas.enable: Expected value to be either true or false")]
    [InlineData(JsonConverter.ReplaceNullWithDefaultConfig, "no", "Invalid value no for configuration replace.null.with.default: Expected value to be either true or false")]
    [InlineData(JsonConverter.SchemasCacheSizeConfig, "lots", "Invalid value lots for configuration schemas.cache.size: Not a number of type INT")]
    [InlineData(JsonConverter.SchemasCacheSizeConfig, "-1", "Invalid value -1 for configuration schemas.cache.size: Value must be at least 0")]
    [InlineData(JsonConverter.DecimalFormatConfig, "HEX", "Invalid value HEX for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC")]
    [InlineData(JsonConverter.ConverterTypeConfig, "both", "Invalid value both for configuration converter.type: String must be one of: key, value, header")]
    public void Configure_InvalidValue_NamesTheKey(string key, string value, string message)
    {
        var converter = new JsonConverter();
        var act = () => converter.Configure(new Dictionary<string, string> { [key] = value });

        act.Should().Throw<ConfigException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Configure_UnknownKeys_AreIgnored() =>
        Value(("converter.encoding", "UTF8"), ("some.other", "x")).Config.SchemasEnabled.Should().BeTrue();

    [Fact]
    public void Configure_ForHeaders_DefaultsTypeToHeader()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>());

        converter.Config.Type.Should().Be(ConverterType.Header);
    }

    [Theory]
    [InlineData("key", ConverterType.Key)]
    [InlineData("value", ConverterType.Value)]
    [InlineData("header", ConverterType.Header)]
    public void Configure_ConverterType_IsRead(string value, ConverterType expected)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { [JsonConverter.ConverterTypeConfig] = value });

        converter.Config.Type.Should().Be(expected);
    }

    [Fact]
    public void Configure_IsKey_OverridesConverterType()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { [JsonConverter.ConverterTypeConfig] = "header" }, isKey: true);

        converter.Config.Type.Should().Be(ConverterType.Key);
    }

    [Fact]
    public void SchemasEnableFalse_WritesPlainJson() =>
        Text(Schemaless().FromConnectData(Topic, null, Schema.Int32, 12)).Should().Be("12");

    [Fact]
    public void SchemasEnableTrue_WritesTheEnvelope() =>
        Text(Value((JsonConverter.SchemasEnableConfig, "true")).FromConnectData(Topic, null, Schema.Int32, 12))
            .Should().Be("{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":12}");

    [Fact]
    public void DecimalFormatNumeric_WritesNumbers() =>
        Text(Value((JsonConverter.DecimalFormatConfig, "NUMERIC")).FromConnectData(Topic, null, ConnectDecimal.Schema(2), 1.56m))
            .Should().EndWith(",\"payload\":1.56}");

    [Fact]
    public void ReplaceNullWithDefault_False_WritesNull()
    {
        var schema = SchemaBuilder.String().Optional().DefaultValue("default").Build();

        Text(Value((JsonConverter.ReplaceNullWithDefaultConfig, "false")).FromConnectData(Topic, null, schema, null))
            .Should().EndWith(",\"payload\":null}");
        Text(Value().FromConnectData(Topic, null, schema, null)).Should().EndWith(",\"payload\":\"default\"}");
    }
}
