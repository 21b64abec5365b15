using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Logging;

/// <summary>
/// Log levels that can be changed while the process runs, by logger namespace, as Kafka Connect's
/// <c>/admin/loggers</c> endpoints change log4j levels. A logger's level is the level of the longest namespace that
/// contains its category (<c>Connect.Sdk.Runtime</c> contains <c>Connect.Sdk.Runtime.Worker.ConnectWorker</c>), or the
/// root level. Install it in a logging pipeline with
/// <see cref="ConnectLoggingBuilderExtensions.AddConnectLogLevels(ILoggingBuilder, ConnectLogLevels)"/>.
/// </summary>
/// <remarks>
/// Level names are log4j's, as the REST API uses them: <c>TRACE</c>, <c>DEBUG</c>, <c>INFO</c>, <c>WARN</c>,
/// <c>ERROR</c>, <c>FATAL</c> (<see cref="LogLevel.Critical"/>) and <c>OFF</c> (<see cref="LogLevel.None"/>); <c>ALL</c> is
/// read as <c>TRACE</c>. Changes are not persisted: a restart goes back to the configured levels.
/// </remarks>
public sealed class ConnectLogLevels
{
    /// <summary>The name the REST API uses for the root logger.</summary>
    public const string RootLoggerName = "root";

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, CachedLevel> _categories = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private volatile State _state;

    /// <summary>Creates the levels with a root level.</summary>
    /// <param name="rootLevel">The level of every logger without a more specific namespace level.</param>
    /// <param name="time">The clock for <c>last_modified</c>; <see langword="null"/> uses the system clock.</param>
    public ConnectLogLevels(LogLevel rootLevel = LogLevel.Information, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _state = new State(0, new LevelEntry(rootLevel, null), ImmutableSortedDictionary.Create<string, LevelEntry>(StringComparer.Ordinal));
    }

    /// <summary>The root level.</summary>
    public LogLevel RootLevel => _state.Root.Level;

    /// <summary>Sets the starting level of a namespace without marking it as modified (like a level in log4j's
    /// configuration file), e.g. <c>Microsoft</c> at <see cref="LogLevel.Warning"/>.</summary>
    /// <param name="loggerNamespace">The namespace, or <c>root</c>.</param>
    /// <param name="level">The level.</param>
    /// <returns>These levels.</returns>
    public ConnectLogLevels Configure(string loggerNamespace, LogLevel level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loggerNamespace);
        lock (_gate)
        {
            var state = _state;
            _state = IsRoot(loggerNamespace)
                ? state with { Version = state.Version + 1, Root = new LevelEntry(level, null) }
                : state with { Version = state.Version + 1, Explicit = state.Explicit.SetItem(loggerNamespace, new LevelEntry(level, null)) };
        }

        return this;
    }

    /// <summary>Whether a message of a level from a category is written.</summary>
    /// <param name="category">The logger category.</param>
    /// <param name="level">The message level.</param>
    /// <returns>Whether it is enabled.</returns>
    public bool IsEnabled(string? category, LogLevel level)
    {
        if (level == LogLevel.None)
        {
            return false;
        }

        var effective = EffectiveLevel(category ?? string.Empty);
        return effective != LogLevel.None && level >= effective;
    }

    /// <summary>The loggers with a level of their own, and the root logger, sorted by name, as
    /// <c>GET /admin/loggers</c> lists them.</summary>
    /// <returns>The levels by logger name.</returns>
    public IReadOnlyDictionary<string, LoggerLevel> ExplicitLevels()
    {
        var state = _state;
        var result = new SortedDictionary<string, LoggerLevel>(StringComparer.Ordinal);
        foreach (var (name, entry) in state.Explicit)
        {
            result[name] = entry.ToLoggerLevel();
        }

        result[RootLoggerName] = state.Root.ToLoggerLevel();
        return result;
    }

    /// <summary>The level of one logger: its own, or the one it inherits.</summary>
    /// <param name="logger">A logger category seen by this process, a namespace with a level, or <c>root</c>.</param>
    /// <returns>The level, or <see langword="null"/> when no such logger exists.</returns>
    public LoggerLevel? Level(string logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var state = _state;
        if (IsRoot(logger))
        {
            return state.Root.ToLoggerLevel();
        }

        if (state.Explicit.TryGetValue(logger, out var entry))
        {
            return entry.ToLoggerLevel();
        }

        return _categories.ContainsKey(logger) ? new LoggerLevel(state.Resolve(logger).Level, null) : null;
    }

    /// <summary>Sets the level of a namespace and of every known logger in it (all loggers for <c>root</c>).</summary>
    /// <param name="loggerNamespace">The namespace, or <c>root</c>.</param>
    /// <param name="level">The new level.</param>
    /// <returns>The names of the loggers set, sorted.</returns>
    public IReadOnlyList<string> SetLevel(string loggerNamespace, LogLevel level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loggerNamespace);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var state = _state;
            var root = IsRoot(loggerNamespace);
            var affected = new SortedSet<string>(StringComparer.Ordinal);
            var builder = state.Explicit.ToBuilder();
            foreach (var name in _categories.Keys.Concat(state.Explicit.Keys))
            {
                if (root || IsWithin(name, loggerNamespace))
                {
                    affected.Add(name);
                }
            }

            if (!root)
            {
                affected.Add(loggerNamespace);
            }

            foreach (var name in affected)
            {
                var current = builder.TryGetValue(name, out var own) ? own : null;
                var currentLevel = current?.Level ?? state.Resolve(name).Level;
                builder[name] = currentLevel == level && current is not null ? current : new LevelEntry(level, now);
            }

            var rootEntry = state.Root;
            if (root)
            {
                rootEntry = rootEntry.Level == level ? rootEntry : new LevelEntry(level, now);
                affected.Add(RootLoggerName);
            }

            _state = new State(state.Version + 1, rootEntry, builder.ToImmutable());
            return affected.ToList();
        }
    }

    /// <summary>Parses a log4j level name (case-insensitive).</summary>
    /// <param name="name">The name, e.g. <c>DEBUG</c>.</param>
    /// <param name="level">The level.</param>
    /// <returns>Whether the name is a level.</returns>
    public static bool TryParseLevel(string? name, out LogLevel level)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "ALL" or "TRACE":
                level = LogLevel.Trace;
                return true;
            case "DEBUG":
                level = LogLevel.Debug;
                return true;
            case "INFO":
                level = LogLevel.Information;
                return true;
            case "WARN":
                level = LogLevel.Warning;
                return true;
            case "ERROR":
                level = LogLevel.Error;
                return true;
            case "FATAL":
                level = LogLevel.Critical;
                return true;
            case "OFF":
                level = LogLevel.None;
                return true;
            default:
                level = LogLevel.None;
                return false;
        }
    }

    /// <summary>The log4j name of a level, e.g. <c>INFO</c> for <see cref="LogLevel.Information"/>.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The name.</returns>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => "OFF",
    };

    private LogLevel EffectiveLevel(string category)
    {
        var state = _state;
        if (_categories.TryGetValue(category, out var cached) && cached.Version == state.Version)
        {
            return cached.Level;
        }

        var level = state.Resolve(category).Level;
        _categories[category] = new CachedLevel(state.Version, level);
        return level;
    }

    private static bool IsRoot(string name) => string.Equals(name, RootLoggerName, StringComparison.OrdinalIgnoreCase);

    private static bool IsWithin(string category, string loggerNamespace) =>
        category.Length == loggerNamespace.Length
            ? string.Equals(category, loggerNamespace, StringComparison.Ordinal)
            : category.Length > loggerNamespace.Length && category[loggerNamespace.Length] == '.'
                && category.StartsWith(loggerNamespace, StringComparison.Ordinal);

    private sealed record CachedLevel(long Version, LogLevel Level);

    private sealed record LevelEntry(LogLevel Level, long? LastModified)
    {
        public LoggerLevel ToLoggerLevel() => new(Level, LastModified);
    }

    private sealed record State(long Version, LevelEntry Root, ImmutableSortedDictionary<string, LevelEntry> Explicit)
    {
        public LevelEntry Resolve(string category)
        {
            LevelEntry? best = null;
            var bestLength = -1;
            foreach (var (name, entry) in Explicit)
            {
                if (name.Length > bestLength && IsWithin(category, name))
                {
                    best = entry;
                    bestLength = name.Length;
                }
            }

            return best ?? Root;
        }
    }
}

/// <summary>A logger's level, as <c>/admin/loggers</c> reports it.</summary>
/// <param name="Level">The level.</param>
/// <param name="LastModified">When it was last changed through <see cref="ConnectLogLevels.SetLevel"/>, in
/// milliseconds since the Unix epoch, or <see langword="null"/> if never.</param>
public sealed record LoggerLevel(LogLevel Level, long? LastModified);
