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
    /// <remarks>It replaces the pipeline's other level rules: configure namespaces with
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
