using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// The worker's REST server: Kestrel on the worker's <c>listeners</c> (HTTP, and HTTPS with the PKCS#12 keystore of
/// <c>listeners.https.ssl.keystore.location</c>), optional basic authentication from
/// <c>rest.basic.auth.credentials.file</c>, the <c>rest.request.max.bytes</c> body limit and the
/// <c>rest.request.timeout.ms</c> request timeout, serving the Kafka Connect REST API (<c>MapConnectApi()</c>).
/// Unknown paths answer <c>404</c> in the API's error shape. The <c>connect-worker</c> command runs one.
/// </summary>
public sealed class ConnectRestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConnectRestServer(WebApplication app, Uri url, IReadOnlyList<string> addresses)
    {
        _app = app;
        Url = url;
        BoundAddresses = addresses;
    }

    /// <summary>The URL to reach the API at: the first listener with the advertised host name and the bound port,
    /// e.g. <c>http://worker-1:8083/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The addresses Kestrel is bound to, e.g. <c>http://[::]:8083</c>.</summary>
    public IReadOnlyList<string> BoundAddresses { get; }

    /// <summary>The advertised <c>host:port</c>, which Kafka Connect uses as the worker id.</summary>
    public string AdvertisedHostPort => $"{Url.Host}:{Url.Port}";

    /// <summary>Starts the server.</summary>
    /// <param name="workerProps">The worker properties (see <see cref="RestServerConfig"/> for the keys read).</param>
    /// <param name="herder">Gives the herder, or <see langword="null"/> while the worker is still starting (requests
    /// then get <c>503</c> and <c>/health</c> reports <c>starting</c>).</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="logLevels">The adjustable log levels behind <c>/admin/loggers</c>, if the process has them.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ConfigException">A REST setting is invalid, or the keystore or credentials file cannot be read.</exception>
    /// <exception cref="IOException">A listener's address is in use.</exception>
    public static async Task<ConnectRestServer> StartAsync(
        IReadOnlyDictionary<string, string> workerProps,
        Func<IHerder?> herder,
        ILoggerFactory loggerFactory,
        ConnectLogLevels? logLevels = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerProps);
        ArgumentNullException.ThrowIfNull(herder);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var config = new RestServerConfig(workerProps);
        var options = config.ToOptions();
        var listeners = config.Listeners.Select(RestListener.Parse).ToList();
        if (listeners.Count == 0)
        {
            throw new ConfigException(RestServerConfig.ListenersConfig, string.Empty, "at least one listener is needed, e.g. http://:8083");
        }

        var certificate = listeners.Any(l => l.Https) ? LoadCertificate(config) : null;
        var credentials = config.BasicAuthCredentialsFile is { } file ? BasicAuthCredentials.Load(file) : null;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ConnectRestServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            foreach (var listener in listeners)
            {
                Action<ListenOptions> configure = listen =>
                {
                    if (listener.Https)
                    {
                        listen.UseHttps(certificate!);
                    }
                };
                if (listener.Addresses() is { } addresses)
                {
                    foreach (var address in addresses)
                    {
                        kestrel.Listen(address, listener.Port, configure);
                    }
                }
                else
                {
                    kestrel.ListenAnyIP(listener.Port, configure);
                }
            }
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton(new ConnectApiHerderSource(herder));
        if (logLevels is not null)
        {
            builder.Services.AddSingleton(logLevels);
        }

        var app = builder.Build();
        var logger = loggerFactory.CreateLogger<ConnectRestServer>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                var status = RestErrors.StatusOf(e);
                if (status >= StatusCodes.Status500InternalServerError)
                {
                    logger.LogError(e, "REST request {Method} {Path} failed", context.Request.Method, context.Request.Path);
                }

                await ConnectApi.Error(status, e.Message).ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        if (credentials is not null)
        {
            app.Use(async (context, next) =>
            {
                if (!credentials.Authenticate(context.Request))
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"Kafka Connect\"";
                    await ConnectApi.Error(StatusCodes.Status401Unauthorized, BasicAuthCredentials.UnauthorizedMessage).ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
        }

        ConnectApi.Map(app, options);
        app.MapFallback(ConnectApi.NotFoundResponse);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var url = AdvertisedUrl(config, listeners[0], bound);
        logger.LogInformation("REST server listening at {Addresses}, advertising URL {Url}", string.Join(", ", bound), url);
        return new ConnectRestServer(app, url, bound);
    }

    /// <summary>Stops accepting requests and waits for those in progress.</summary>
    /// <returns>A task that completes when the server stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static X509Certificate2 LoadCertificate(RestServerConfig config)
    {
        var location = config.HttpsKeystoreLocation ?? throw new ConfigException(
            RestServerConfig.HttpsKeystoreLocationConfig, null,
            "an https listener needs a keystore: set listeners.https.ssl.keystore.location to a PKCS#12 (.pfx/.p12) file");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(location, config.HttpsKeystorePassword?.Value);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(RestServerConfig.HttpsKeystoreLocationConfig, location,
                $"the PKCS#12 keystore cannot be read ({e.Message}); check the file and listeners.https.ssl.keystore.password");
        }
    }

    private static Uri AdvertisedUrl(RestServerConfig config, RestListener first, IReadOnlyList<string> bound)
    {
        var port = config.GetInt(RestServerConfig.AdvertisedPortConfig);
        if (port == 0)
        {
            // Bound addresses look like http://127.0.0.1:39569 or http://[::]:8083.
            var boundFirst = bound.FirstOrDefault(a => a.StartsWith(first.Scheme + "://", StringComparison.OrdinalIgnoreCase));
            port = boundFirst is not null && int.TryParse(boundFirst[(boundFirst.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var boundPort)
                ? boundPort
                : first.Port;
        }

        var host = config.GetString(RestServerConfig.AdvertisedHostNameConfig) is { Length: > 0 } advertised
            ? advertised
            : first.IsWildcard ? Dns.GetHostName() : first.Host;
        return new UriBuilder(first.Scheme, host, port, "/").Uri;
    }
}
