using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>Settings of an <see cref="EmbeddedSinkPipeline"/> that are objects rather than configuration keys.</summary>
public sealed class EmbeddedSinkPipelineOptions
{
    /// <summary>Resolves <c>connector.class</c>, the converters and the transforms.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="PluginRegistry.FromApplication"/>.</value>
    public PluginRegistry? Plugins { get; set; }

    /// <summary>Where the pipeline and tolerated errors (<c>errors.log.enable</c>) log.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock the back-off before redelivering a batch waits on.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many times a batch is delivered to <c>PutAsync</c> when it keeps throwing
    /// <see cref="Connect.Sdk.Errors.RetriableException"/>; after the last attempt the exception propagates. The runtime retries for
    /// ever; a limit keeps a test from hanging.</summary>
    /// <value>The default is <see langword="null"/>: retry until the call's cancellation token is cancelled.</value>
    public int? MaxDeliveryAttempts { get; set; }
}
