using System;
using System.Net.Http;
using Cadenza.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the Cadenza client with dependency injection.</summary>
    public static class CadenzaServiceCollectionExtensions
    {
        /// <summary>The name of the HTTP client that carries the session's token.</summary>
        public const string HttpClientName = "Cadenza";

        /// <summary>
        /// Registers a singleton <see cref="CadenzaSession"/> and the typed <see cref="AuthenticationClient"/>, both on an
        /// IHttpClientFactory client whose pipeline attaches the session's token (<see cref="CadenzaAuthenticationHandler"/>).
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="configure">Sets server, store and refresh options. The logger factory and a registered
        /// <see cref="TimeProvider"/> are taken from the container unless set here.</param>
        /// <returns>The builder of the Cadenza HTTP client, to add handlers (e.g. resilience) after the token handler.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, Action<CadenzaSessionOptions>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            var optionsBuilder = services.AddOptions<CadenzaSessionOptions>();
            if (configure != null)
            {
                optionsBuilder.Configure(configure);
            }

            services.TryAddSingleton(provider =>
            {
                var options = provider.GetRequiredService<IOptions<CadenzaSessionOptions>>().Value;
                if (options.LoggerFactory is NullLoggerFactory && provider.GetService<ILoggerFactory>() is ILoggerFactory loggerFactory)
                {
                    options.LoggerFactory = loggerFactory;
                }

                if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is TimeProvider time)
                {
                    options.TimeProvider = time;
                }

                var clients = provider.GetRequiredService<IHttpClientFactory>();
                // Clients are created per use, not here: the pipeline's handler needs this very session.
                return new CadenzaSession(options, () => clients.CreateClient(HttpClientName));
            });

            // The factory logs request headers at Trace; on Microsoft.Extensions.Http 8 nothing is redacted by default.
            // Composed after every other configuration, so a user's own RedactLoggedHeaders cannot undo it.
            services.PostConfigure<HttpClientFactoryOptions>(HttpClientName, options =>
            {
                var alsoRedacted = options.ShouldRedactHeaderValue;
                options.ShouldRedactHeaderValue = header => string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) || alsoRedacted(header);
            });

            return services
                .AddHttpClient<AuthenticationClient>(HttpClientName, (provider, http) => http.BaseAddress = provider.GetRequiredService<CadenzaSession>().BaseAddress)
                .ConfigurePrimaryHttpMessageHandler((handler, _) => RefuseRedirects(handler))
                .AddHttpMessageHandler(provider => new CadenzaAuthenticationHandler(provider.GetRequiredService<CadenzaSession>()));
        }

        // Credentials must not follow a redirect. A primary handler configured later is the user's to set up (see README).
        private static void RefuseRedirects(HttpMessageHandler handler)
        {
            switch (handler)
            {
                case HttpClientHandler classic:
                    classic.AllowAutoRedirect = false;
                    break;
#if NET5_0_OR_GREATER
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
#endif
            }
        }
    }
}
