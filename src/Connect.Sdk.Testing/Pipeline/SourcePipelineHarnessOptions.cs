using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>Settings of a <see cref="SourcePipelineHarness"/>.</summary>
public sealed class SourcePipelineHarnessOptions
{
    /// <summary>Resolves <c>connector.class</c>, the converters and the transforms.</summary>
    /// <value>The default is <see langword="null"/>: the plugins of the test process (scanned once), plus the
    /// connector type of a <see cref="SourcePipelineHarness{TConnector}"/>.</value>
    public PluginRegistry? Plugins { get; set; }

    /// <summary>Where the engine and the connector's tasks log.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for <c>offset.flush.interval.ms</c> and retry back-offs.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long <see cref="SourcePipelineHarness.TakeAsync"/> waits when no timeout is given.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many records the tasks produce ahead of <see cref="SourcePipelineHarness.TakeAsync"/> before they wait.</summary>
    /// <value>The default is 100.</value>
    public int BufferSize { get; set; } = 100;
}
