using Connect.Sdk.Config;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the transform's configuration.</summary>
public class TransformNameConfigTests
{
    [Fact]
    public void ConfigDef_DocumentsEveryKey()
    {
        TransformNameConfig.ConfigDef.ConfigKeys.Values
            .Should().OnlyContain(key => !string.IsNullOrWhiteSpace(key.Documentation));
    }

    [Fact]
    public void Configure_WithoutTheRequiredKeys_FailsNamingTheKey()
    {
        var transform = new TransformNameTransform<Connect.Sdk.Sink.SinkRecord>.Value();

        transform.Invoking(t => t.Configure(new Dictionary<string, string> { [TransformNameConfig.FieldsConfig] = "email" }))
            .Should().Throw<ConfigException>().WithMessage($"*\"{TransformNameConfig.HmacKeyConfig}\"*");
    }

    [Theory]
    [InlineData(TransformNameConfig.FieldsConfig, "")]
    [InlineData(TransformNameConfig.HmacKeyConfig, "")]
    [InlineData(TransformNameConfig.DigestBytesConfig, "4")]
    public void Validate_RejectsBadValues(string key, string value)
    {
        var config = new Dictionary<string, string>
        {
            [TransformNameConfig.FieldsConfig] = "email",
            [TransformNameConfig.HmacKeyConfig] = "s3cret",
            [key] = value,
        };

        TransformNameConfig.ConfigDef.Validate(config).Single(v => v.Name == key).ErrorMessages.Should().NotBeEmpty();
    }

    [Fact]
    public void HmacKey_IsAPassword_ThatIsNeverPrinted()
    {
        var config = new TransformNameConfig(new Dictionary<string, string>
        {
            [TransformNameConfig.FieldsConfig] = "email",
            [TransformNameConfig.HmacKeyConfig] = "s3cret",
        });

        config.HmacKey.Value.Should().Be("s3cret");
        config.ToString().Should().Contain($"{TransformNameConfig.HmacKeyConfig} = [hidden]").And.NotContain("s3cret");
    }
}
