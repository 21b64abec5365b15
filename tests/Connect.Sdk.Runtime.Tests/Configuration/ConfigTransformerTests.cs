using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public sealed class ConfigTransformerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("providers-").FullName;
    private readonly string _secrets;
    private readonly string _variable = "CONNECT_SDK_TEST_" + Guid.NewGuid().ToString("N");

    public ConfigTransformerTests()
    {
        _secrets = Path.Combine(_folder, "secrets.properties");
        File.WriteAllText(_secrets, "db.user=alice\ndb.password=s3cr:et\n");
        Environment.SetEnvironmentVariable(_variable, "from-env");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Transform_FileAndEnvPlaceholders_AreResolved()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "file,env" });

        var resolved = transformer.Transform(new Dictionary<string, string>
        {
            ["connection.user"] = $"${{file:{_secrets}:db.user}}",
            ["connection.url"] = $"jdbc:postgresql://db/orders?password=${{file:{_secrets}:db.password}}&app=${{env:{_variable}}}",
            ["plain"] = "no placeholders",
        });

        resolved.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["connection.user"] = "alice",
            ["connection.url"] = "jdbc:postgresql://db/orders?password=s3cr:et&app=from-env",
            ["plain"] = "no placeholders",
        });
    }

    [Fact]
    public void Transform_JavaClassNamesAndCustomAliases_Work()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>
        {
            ["config.providers"] = "secrets, vars",
            ["config.providers.secrets.class"] = "org.apache.kafka.common.config.provider.FileConfigProvider",
            ["config.providers.vars.class"] = "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        });

        var resolved = transformer.Transform(new Dictionary<string, string>
        {
            ["a"] = $"${{secrets:{_secrets}:db.user}}",
            ["b"] = $"${{vars:{_variable}}}",
        });

        resolved["a"].Should().Be("alice");
        resolved["b"].Should().Be("from-env");
    }

    [Fact]
    public void Transform_UnknownKey_NamesProviderKeyPathAndConfiguration()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "file" });

        var act = () => transformer.Transform(new Dictionary<string, string> { ["connection.password"] = $"${{file:{_secrets}:db.pass}}" });

        act.Should().Throw<ConnectException>()
            .WithMessage($"The config provider 'file' has no value for key 'db.pass' in '{_secrets}', referenced by configuration connection.password.");
    }

    [Fact]
    public void Transform_MissingEnvironmentVariable_IsAnError()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "env" });

        var act = () => transformer.Transform(new Dictionary<string, string> { ["k"] = "${env:CONNECT_SDK_SURELY_UNSET_VARIABLE}" });

        act.Should().Throw<ConnectException>().WithMessage("The config provider 'env' has no value for key 'CONNECT_SDK_SURELY_UNSET_VARIABLE', referenced by configuration k.");
    }

    [Fact]
    public void Transform_PlaceholdersOfUnconfiguredAliases_AreLeftUntouched()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "env" });
        var config = new Dictionary<string, string>
        {
            ["password"] = "${vault:secret/db:password}",
            ["mixed"] = $"${{vault:x}}-${{env:{_variable}}}",
        };

        var resolved = transformer.Transform(config);

        resolved["password"].Should().Be("${vault:secret/db:password}");
        resolved["mixed"].Should().Be("${vault:x}-from-env");
    }

    [Fact]
    public void None_LeavesEveryPlaceholder()
    {
        var config = new Dictionary<string, string> { ["p"] = $"${{file:{_secrets}:db.user}}" };

        ConfigTransformer.None.Transform(config).Should().BeEquivalentTo(config);
        ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>()).Transform(config).Should().BeEquivalentTo(config);
    }

    [Fact]
    public void FromWorkerConfig_UnknownProviderClass_IsAnError()
    {
        var act = () => ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>
        {
            ["config.providers"] = "vault",
            ["config.providers.vault.class"] = "com.example.VaultConfigProvider",
        });

        act.Should().Throw<ConnectException>().WithMessage("Invalid value com.example.VaultConfigProvider for configuration config.providers.vault.class: unknown config provider.*");
    }

    [Fact]
    public void FileProvider_OutsideAllowedPaths_IsRejected()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>
        {
            ["config.providers"] = "file",
            ["config.providers.file.param.allowed.paths"] = Path.Combine(_folder, "allowed"),
        });

        var act = () => transformer.Transform(new Dictionary<string, string> { ["k"] = $"${{file:{_secrets}:db.user}}" });

        act.Should().Throw<ConnectException>().WithMessage($"The file {_secrets} is not in the allowed.paths of the file config provider.");
    }

    [Fact]
    public void FileProvider_SiblingFolderWithTheSamePrefix_IsRejected()
    {
        var allowed = Path.Combine(_folder, "secrets");
        var sibling = Path.Combine(_folder, "secrets2");
        Directory.CreateDirectory(sibling);
        var file = Path.Combine(sibling, "db.properties");
        File.WriteAllText(file, "user=admin\n");
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>
        {
            ["config.providers"] = "file",
            ["config.providers.file.param.allowed.paths"] = allowed,
        });

        var act = () => transformer.Transform(new Dictionary<string, string> { ["k"] = $"${{file:{file}:user}}" });

        act.Should().Throw<ConnectException>().WithMessage("*is not in the allowed.paths*");
    }

    [Fact]
    public void FileProvider_MissingFile_IsAnError()
    {
        var transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string> { ["config.providers"] = "file" });
        var missing = Path.Combine(_folder, "missing.properties");

        var act = () => transformer.Transform(new Dictionary<string, string> { ["k"] = $"${{file:{missing}:x}}" });

        act.Should().Throw<ConnectException>().WithMessage($"Could not read properties from file {missing}: the file does not exist.");
    }

    [Theory]
    [InlineData("${file:/etc/secrets:key}", true)]
    [InlineData("${env:HOME}", true)]
    [InlineData("prefix ${vault:a:b} suffix", true)]
    [InlineData("$notaplaceholder", false)]
    [InlineData("${missingcolon}", false)]
    [InlineData(null, false)]
    public void HasPlaceholder(string? value, bool expected) => ConfigTransformer.HasPlaceholder(value).Should().Be(expected);
}
