namespace Connect.Sdk.Worker;

/// <summary>The parsed command line of <c>connect-worker</c>.</summary>
internal sealed record CommandLine(
    string Mode,
    string? WorkerFile,
    IReadOnlyList<string> ConnectorFiles,
    bool Dev,
    TimeSpan? Duration,
    bool? Progress)
{
    public const string Usage = """
        Usage: connect-worker standalone [options] <worker.properties> [<connector.properties|.json> ...]
               connect-worker standalone --dev [options] [<connector.properties|.json> ...]
               connect-worker distributed [options] <worker.properties>

        standalone: the connectors in the given files run in this process; source offsets are kept in
        offset.storage.file.filename.
        distributed: the worker joins the cluster named by group.id; connector configurations, offsets and statuses
        live in config.storage.topic, offset.storage.topic and status.storage.topic; connectors are created through
        the REST API of any worker (see docs/distributed.md).

        Options:
          --dev              Start an in-memory Kafka cluster in the worker (dev.cluster.enabled=true) and use it
                             instead of bootstrap.servers. For development only: all data is lost on exit.
          --duration <sec>   Stop gracefully after this many seconds and print a summary (for demos and scripts).
          --progress         Print a progress line every second even when output is not a terminal.
          --no-progress      Never print progress lines.
          -h, --help         Show this help.
          --version          Show the version.

        Connector files are Kafka Connect .properties files, or JSON: either {"name": "...", "config": {...}}
        or a flat object of settings.

        The Kafka Connect REST API listens on the worker's listeners (default http://:8083); see docs/rest-api.md.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("No command given.");
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            return new CommandLine("help", null, [], false, null, null);
        }

        if (args[0] == "--version")
        {
            return new CommandLine("version", null, [], false, null, null);
        }

        var mode = args[0];
        if (mode is not ("standalone" or "distributed"))
        {
            throw new UsageException($"Unknown command '{mode}'. Use 'standalone' or 'distributed'.");
        }

        var files = new List<string>();
        var dev = false;
        TimeSpan? duration = null;
        bool? progress = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    return new CommandLine("help", null, [], false, null, null);
                case "--dev":
                    dev = true;
                    break;
                case "--progress":
                    progress = true;
                    break;
                case "--no-progress":
                    progress = false;
                    break;
                case "--duration":
                    if (i + 1 >= args.Count || !double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        throw new UsageException("--duration needs a positive number of seconds, e.g. --duration 10.");
                    }

                    duration = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case var option when option.StartsWith('-'):
                    throw new UsageException($"Unknown option '{option}'.");
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        if (files.Count == 0 && !dev)
        {
            throw new UsageException("Missing the worker properties file.");
        }

        if (mode == "distributed" && files.Count > 1)
        {
            throw new UsageException("A distributed worker takes only its worker properties file; create connectors through the REST API.");
        }

        // With --dev the worker file is optional: files ending in a connector config are told apart by content.
        return new CommandLine(mode, files.Count > 0 ? files[0] : null, files.Skip(1).ToList(), dev, duration, progress);
    }
}

/// <summary>The command line is wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
