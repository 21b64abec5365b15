using Connect.Sdk.Runtime.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Logging;

/// <summary>Installs <see cref="ConnectLogLevels"/> in a logging pipeline.</summary>
public static class ConnectLoggingBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="levels"/> decide which messages are written, for every provider and category, and
    /// registers it as a service so <c>MapConnectApi()</c> serves <c>/admin/loggers</c> with it.
    /// </summary>
    /// <remarks>It takes the place of the pipeline's default level rule (and sets the minimum level to Trace so that
    /// it sees every message); rules for a specific category or provider, for example from a <c>Logging</c>
    /// configuration section, still decide for their categories. Configure namespaces with
    /// <see cref="ConnectLogLevels.Configure"/> instead.</remarks>
    /// <param name="builder">The logging builder.</param>
    /// <param name="levels">The levels.</param>
    /// <returns>The builder.</returns>
    public static ILoggingBuilder AddConnectLogLevels(this ILoggingBuilder builder, ConnectLogLevels levels)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(levels);
        builder.Services.AddSingleton(levels);
        builder.SetMinimumLevel(LogLevel.Trace);
        builder.AddFilter((_, category, level) => levels.IsEnabled(category, level));
        return builder;
    }
}
