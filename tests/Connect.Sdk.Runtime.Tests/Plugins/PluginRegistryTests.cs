using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tests.TestConnectors;

namespace Connect.Sdk.Runtime.Tests.Plugins;

public class PluginRegistryTests
{
    private const string CountingFullName = "Connect.Sdk.Runtime.Tests.TestConnectors.CountingSourceConnector";

    [Theory]
    [InlineData(CountingFullName)]
    [InlineData("CountingSourceConnector")]
    [InlineData("CountingSource")]
    [InlineData("com.example.connect.CountingSourceConnector")]
    [InlineData("  CountingSourceConnector ")]
    public void Resolve_FullSimpleAliasAndJavaNames(string name)
    {
        var registry = Registry();

        var plugin = registry.Resolve(name, PluginType.Source, PluginType.Sink);

        plugin.Type.Should().Be(typeof(CountingSourceConnector));
        plugin.Kind.Should().Be(PluginType.Source);
        plugin.ClassName.Should().Be(CountingFullName);
        plugin.Version.Should().Be("1.0.0");
        plugin.Location.Should().Be("classpath");
    }

    [Theory]
    [InlineData("org.apache.kafka.connect.storage.StringConverter", typeof(StringConverter))]
    [InlineData("org.apache.kafka.connect.converters.ByteArrayConverter", typeof(ByteArrayConverter))]
    [InlineData("org.apache.kafka.connect.converters.IntegerConverter", typeof(IntegerConverter))]
    [InlineData("Connect.Sdk.Converters.StringConverter", typeof(StringConverter))]
    [InlineData("String", typeof(StringConverter))]
    public void Resolve_ConverterNames(string name, Type expected)
    {
        var registry = PluginRegistry.FromApplication();

        registry.Resolve(name, PluginType.Converter).Type.Should().Be(expected);
        registry.CreateInstance<IConverter>(name, PluginType.Converter).Should().BeOfType(expected);
    }

    [Theory]
    [InlineData("Connect.Sdk.Runtime.Tests.TestConnectors.Outer$NestedSourceConnector")]
    [InlineData("Connect.Sdk.Runtime.Tests.TestConnectors.Outer.NestedSourceConnector")]
    [InlineData("Connect.Sdk.Runtime.Tests.TestConnectors.Outer+NestedSourceConnector")]
    [InlineData("Outer$NestedSourceConnector")]
    [InlineData("Outer$NestedSource")]
    public void Resolve_NestedTypes_UseKafkasDollarName(string name)
    {
        var registry = new PluginRegistry().AddType(typeof(Outer.NestedSourceConnector));

        var plugin = registry.Resolve(name, PluginType.Source);

        plugin.Type.Should().Be(typeof(Outer.NestedSourceConnector));
        plugin.ClassName.Should().Be("Connect.Sdk.Runtime.Tests.TestConnectors.Outer$NestedSourceConnector");
    }

    [Fact]
    public void Resolve_AmbiguousSimpleName_ListsTheCandidates()
    {
        var registry = new PluginRegistry()
            .AddType(typeof(TestConnectors.Alpha.DuplicateSinkConnector))
            .AddType(typeof(TestConnectors.Beta.DuplicateSinkConnector));

        var act = () => registry.Resolve("DuplicateSinkConnector", PluginType.Source, PluginType.Sink);

        act.Should().Throw<ConnectException>().WithMessage(
            "More than one Connector matches \"DuplicateSinkConnector\": Connect.Sdk.Runtime.Tests.TestConnectors.Alpha.DuplicateSinkConnector, Connect.Sdk.Runtime.Tests.TestConnectors.Beta.DuplicateSinkConnector. Use the full name.");
        registry.Resolve("Connect.Sdk.Runtime.Tests.TestConnectors.Beta.DuplicateSinkConnector", PluginType.Sink).Type
            .Should().Be(typeof(TestConnectors.Beta.DuplicateSinkConnector));
    }

    [Fact]
    public void Resolve_UnknownName_ListsWhatIsAvailable()
    {
        var registry = Registry();

        var act = () => registry.Resolve("io.confluent.connect.jdbc.JdbcSinkConnector", PluginType.Source, PluginType.Sink);

        act.Should().Throw<ConnectException>().WithMessage(
            "Failed to find any class that implements Connector and which name matches io.confluent.connect.jdbc.JdbcSinkConnector, available Connectors are: "
            + "Connect.Sdk.Runtime.Tests.TestConnectors.CollectingSinkConnector, " + CountingFullName);
    }

    [Fact]
    public void Resolve_WrongKind_IsNotFound()
    {
        var registry = Registry();

        var act = () => registry.Resolve("CountingSourceConnector", PluginType.Sink);

        act.Should().Throw<ConnectException>().WithMessage("Failed to find any class that implements SinkConnector and which name matches CountingSourceConnector, available SinkConnectors are: Connect.Sdk.Runtime.Tests.TestConnectors.CollectingSinkConnector");
    }

    [Fact]
    public void FromApplication_FindsConnectorsAndConvertersOfLoadedAssemblies()
    {
        var registry = PluginRegistry.FromApplication();

        registry.Plugins.Should().Contain(p => p.Type == typeof(CollectingSinkConnector) && p.Kind == PluginType.Sink);
        registry.Plugins.Should().Contain(p => p.Type == typeof(StringConverter) && p.Kind == PluginType.HeaderConverter);
        registry.Plugins.Should().NotContain(p => p.Type == typeof(MinimalSinkConnector), "abstract classes are not plugins");
        registry.Plugins.Should().NotContain(p => p.Type == typeof(NoDefaultConstructorConnector), "plugins need a public parameterless constructor");
    }

    [Fact]
    public void AddType_NotAPlugin_Throws()
    {
        var act = () => new PluginRegistry().AddType(typeof(string));

        act.Should().Throw<ArgumentException>().WithMessage("System.String is not a connector, converter, header converter, transform or predicate.*");
    }

    [Fact]
    public void AddType_Twice_RegistersOnce()
    {
        var registry = new PluginRegistry().AddType(typeof(CollectingSinkConnector)).AddType(typeof(CollectingSinkConnector));

        registry.Plugins.Should().ContainSingle();
        registry.Resolve("CollectingSink", PluginType.Sink).Type.Should().Be(typeof(CollectingSinkConnector));
    }

    [Fact]
    public void Instantiate_WithoutParameterlessConstructor_ThrowsConnectException()
    {
        var act = () => PluginRegistry.Instantiate<Connector>(typeof(NoDefaultConstructorConnector));

        act.Should().Throw<ConnectException>().WithMessage($"Could not create an instance of {typeof(NoDefaultConstructorConnector)}: *");
    }

    [Fact]
    public void AddPluginPath_MissingFolder_IsAClearError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-plugins-" + Guid.NewGuid().ToString("N"));

        var act = () => new PluginRegistry().AddPluginPath([missing]);

        act.Should().Throw<ConnectException>().WithMessage($"plugin.path entry \"{missing}\" is not a folder. Fix plugin.path in the worker configuration.");
    }

    [Fact]
    public void AddPluginPath_LoadsEachPluginFolderInItsOwnLoadContext()
    {
        var root = Directory.CreateTempSubdirectory("plugin-path-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "counting")).FullName;
            File.Copy(typeof(CountingSourceConnector).Assembly.Location, Path.Combine(folder, Path.GetFileName(typeof(CountingSourceConnector).Assembly.Location)));

            var registry = new PluginRegistry().AddPluginPath([root]);

            var plugin = registry.Resolve(CountingFullName, PluginType.Source);
            plugin.Type.Assembly.Should().NotBeSameAs(typeof(CountingSourceConnector).Assembly, "the plugin folder has its own load context");
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(plugin.Type.Assembly)!.Name.Should().Be($"plugin:{folder}");
            plugin.Location.Should().StartWith(folder);
            registry.CreateInstance<Connector>(CountingFullName, PluginType.Source).Version.Should().Be("1.0.0", "the plugin shares the Connect.Sdk contracts with the worker");
            PluginRegistry.FromApplication().Resolve(CountingFullName, PluginType.Source).Type
                .Should().Be(typeof(CountingSourceConnector), "a plugin folder's assemblies are not the application's");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static PluginRegistry Registry() =>
        new PluginRegistry().AddType(typeof(CountingSourceConnector)).AddType(typeof(CollectingSinkConnector));
}
