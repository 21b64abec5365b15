using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>Settings of a <see cref="SinkPipelineHarness"/>.</summary>
public sealed class SinkPipelineHarnessOptions
{
    /// <summary>Resolves <c>connector.class</c>, the converters and the transforms.</summary>
    /// <value>The default is <see langword="null"/>: the plugins of the test process (scanned once), plus the
    /// connector type of a <see cref="SinkPipelineHarness{TConnector}"/>.</value>
    public PluginRegistry? Plugins { get; set; }

    /// <summary>Where the pipeline and the connector's task log.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock the back-off before redelivering a batch waits on; with a
    /// <see cref="Fakes.ManualTimeProvider"/> advance it from the test.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many times a batch is delivered while the task throws <see cref="Errors.RetriableException"/>
    /// before the exception propagates.</summary>
    /// <value>The default is 10.</value>
    public int MaxDeliveryAttempts { get; set; } = 10;
}
