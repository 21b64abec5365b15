using Connect.Sdk.Config;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Tests.TestConnectors
{
    /// <summary>A do-nothing sink connector for plugin-naming tests.</summary>
    public abstract class MinimalSinkConnector : SinkConnector
    {
        public override string Version => "2.0.0";

        public override Type TaskType => typeof(CollectingSinkTask);

        public override ConfigDef Config { get; } = new();

        public override void Start(IReadOnlyDictionary<string, string> config)
        {
        }

        public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

        public override void Stop()
        {
        }
    }

    /// <summary>Holds a nested connector, named <c>Outer$NestedSourceConnector</c> as Kafka names nested classes.</summary>
    public static class Outer
    {
        public sealed class NestedSourceConnector : SourceConnector
        {
            public override string Version => "3.0.0";

            public override Type TaskType => typeof(CountingSourceTask);

            public override ConfigDef Config { get; } = new();

            public override void Start(IReadOnlyDictionary<string, string> config)
            {
            }

            public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

            public override void Stop()
            {
            }
        }
    }

    /// <summary>A connector without a parameterless constructor: not a plugin.</summary>
    public sealed class NoDefaultConstructorConnector(string setting) : MinimalSinkConnector
    {
        public string Setting { get; } = setting;
    }
}

namespace Connect.Sdk.Runtime.Tests.TestConnectors.Alpha
{
    /// <summary>Shares its simple name with <see cref="Beta.DuplicateSinkConnector"/>.</summary>
    public sealed class DuplicateSinkConnector : MinimalSinkConnector;
}

namespace Connect.Sdk.Runtime.Tests.TestConnectors.Beta
{
    /// <summary>Shares its simple name with <see cref="Alpha.DuplicateSinkConnector"/>.</summary>
    public sealed class DuplicateSinkConnector : MinimalSinkConnector;
}
