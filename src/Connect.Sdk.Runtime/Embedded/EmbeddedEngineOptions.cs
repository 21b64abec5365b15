using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>Settings of an <see cref="EmbeddedEngine"/> that are objects rather than configuration keys.</summary>
public sealed class EmbeddedEngineOptions
{
    /// <summary>Where source offsets are read and committed. A store given here must be ready to use (started); the
    /// engine neither starts nor disposes it.</summary>
    /// <value>The default is <see langword="null"/>: a <see cref="FileOffsetBackingStore"/> on
    /// <c>offset.storage.file.filename</c> when the configuration sets it, else a <see cref="MemoryOffsetBackingStore"/>;
    /// the engine starts and disposes that store itself.</value>
    public IOffsetBackingStore? OffsetStore { get; set; }

    /// <summary>Resolves <c>connector.class</c>, the converters and the transforms.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="PluginRegistry.FromApplication"/>.</value>
    public PluginRegistry? Plugins { get; set; }

    /// <summary>Where the engine, the connector's tasks and tolerated errors (<c>errors.log.enable</c>) log.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for <c>offset.flush.interval.ms</c> and retry back-offs.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many records <see cref="EmbeddedEngine.Records"/> holds before tasks wait for the reader.</summary>
    /// <value>The default is 1,000.</value>
    public int ChannelCapacity { get; set; } = 1_000;
}
