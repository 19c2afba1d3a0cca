using System;
using System.Net.Http;
using Cadenza.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>
    /// Registers Cadenza sessions with dependency injection: one unnamed session, and any number of named ones
    /// (one per Cadenza user the process acts for), each resolved as a keyed service under its name.
    /// </summary>
    /// <remarks>
    /// Options are validated when the host starts (<c>ValidateOnStart</c>), so a missing or insecure server address
    /// stops the application at once with one line saying which session and what is wrong.
    /// </remarks>
    public static class CadenzaServiceCollectionExtensions
    {
        /// <summary>The name of the HTTP client that carries the unnamed session's token; a named session's is <c>Cadenza:</c> + its name.</summary>
        public const string HttpClientName = "Cadenza";

        /// <summary>
        /// Registers a singleton <see cref="CadenzaSession"/> and the typed <see cref="AuthenticationClient"/>, both on an
        /// IHttpClientFactory client whose pipeline attaches the session's token (<see cref="CadenzaAuthenticationHandler"/>).
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="configure">Sets server, store and refresh options. The logger factory and a registered
        /// <see cref="TimeProvider"/> are taken from the container unless set here.</param>
        /// <returns>The builder of the Cadenza HTTP client, to add handlers (e.g. resilience) after the token handler.</returns>
#pragma warning disable RS0027 // Shipped with its optional parameter; every overload added since has only required ones, so no call is ambiguous.
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, Action<CadenzaSessionOptions>? configure = null) =>
            Add(services, Options.Options.DefaultName, null, configure);
#pragma warning restore RS0027

        /// <summary>Registers the unnamed session, its options bound from <paramref name="configuration"/> (e.g. <c>configuration.GetSection("Cadenza")</c>).</summary>
        /// <param name="services">The services.</param>
        /// <param name="configuration">The section with <see cref="CadenzaSessionOptions"/>' settings: <c>BaseAddress</c>,
        /// <c>RefreshMargin</c>, <c>RefreshRetryDelay</c> and <c>RefreshRetryMaxDelay</c> (as <c>hh:mm:ss</c>), <c>RefreshInBackground</c>, <c>AllowInsecureHttp</c>. A key that is none of them is an error.</param>
        /// <returns>The builder of the Cadenza HTTP client.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, IConfiguration configuration) =>
            Add(services, Options.Options.DefaultName, configuration ?? throw new ArgumentNullException(nameof(configuration)), null);

        /// <summary>Registers the unnamed session, its options bound from <paramref name="configuration"/>, then <paramref name="configure"/>d.</summary>
        /// <param name="services">The services.</param>
        /// <param name="configuration">The section with the session's settings (see the overload without <paramref name="configure"/>).</param>
        /// <param name="configure">Runs after binding: the place for what configuration cannot hold, such as the store.</param>
        /// <returns>The builder of the Cadenza HTTP client.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, IConfiguration configuration, Action<CadenzaSessionOptions> configure) =>
            Add(services, Options.Options.DefaultName, configuration ?? throw new ArgumentNullException(nameof(configuration)), configure ?? throw new ArgumentNullException(nameof(configure)));

        /// <summary>
        /// Registers the session named <paramref name="name"/>: resolve it with <c>GetRequiredKeyedService&lt;CadenzaSession&gt;(name)</c>
        /// or <c>[FromKeyedServices(name)]</c>, and its authenticated <see cref="AuthenticationClient"/> the same way.
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="name">The session's name, e.g. the desk or user it acts for.</param>
        /// <param name="configure">Sets server, store and refresh options; give each named session a store of its own.</param>
        /// <returns>The builder of the session's HTTP client.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, string name, Action<CadenzaSessionOptions> configure) =>
            Add(services, RequireName(name), null, configure ?? throw new ArgumentNullException(nameof(configure)));

        /// <summary>Registers the session named <paramref name="name"/>, its options bound from <paramref name="configuration"/>.</summary>
        /// <param name="services">The services.</param>
        /// <param name="name">The session's name.</param>
        /// <param name="configuration">The section with the session's settings (see the unnamed overload).</param>
        /// <returns>The builder of the session's HTTP client.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, string name, IConfiguration configuration) =>
            Add(services, RequireName(name), configuration ?? throw new ArgumentNullException(nameof(configuration)), null);

        /// <summary>Registers the session named <paramref name="name"/>, its options bound from <paramref name="configuration"/>, then <paramref name="configure"/>d.</summary>
        /// <param name="services">The services.</param>
        /// <param name="name">The session's name.</param>
        /// <param name="configuration">The section with the session's settings (see the unnamed overload).</param>
        /// <param name="configure">Runs after binding: the place for the store.</param>
        /// <returns>The builder of the session's HTTP client.</returns>
        public static IHttpClientBuilder AddCadenzaClient(this IServiceCollection services, string name, IConfiguration configuration, Action<CadenzaSessionOptions> configure) =>
            Add(services, RequireName(name), configuration ?? throw new ArgumentNullException(nameof(configuration)), configure ?? throw new ArgumentNullException(nameof(configure)));

        private static IHttpClientBuilder Add(IServiceCollection services, string name, IConfiguration? configuration, Action<CadenzaSessionOptions>? configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            var options = services.AddOptions<CadenzaSessionOptions>(name);
            if (configuration != null)
            {
                options.Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
            }

            if (configure != null)
            {
                options.Configure(configure);
            }

            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CadenzaSessionOptions>, CadenzaSessionOptionsValidation>());

            if (name == Options.Options.DefaultName)
            {
                services.TryAddSingleton(provider => CreateSession(provider, name, HttpClientName));
                return Harden(services
                    .AddHttpClient<AuthenticationClient>(HttpClientName, (provider, http) => http.BaseAddress = provider.GetRequiredService<CadenzaSession>().BaseAddress)
                    .AddHttpMessageHandler(provider => new CadenzaAuthenticationHandler(provider.GetRequiredService<CadenzaSession>())));
            }

            // A typed client per name would leave AuthenticationClient resolving to whichever was registered last: keyed instead.
            var httpClientName = HttpClientName + ":" + name;
            services.TryAddKeyedSingleton(name, (provider, _) => CreateSession(provider, name, httpClientName));
            services.TryAddKeyedTransient(name, (provider, _) => new AuthenticationClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName)));
            return Harden(services
                .AddHttpClient(httpClientName, (provider, http) => http.BaseAddress = provider.GetRequiredKeyedService<CadenzaSession>(name).BaseAddress)
                .AddHttpMessageHandler(provider => new CadenzaAuthenticationHandler(provider.GetRequiredKeyedService<CadenzaSession>(name))));
        }

        private static IHttpClientBuilder Harden(IHttpClientBuilder builder)
        {
            // The factory logs request headers at Trace; on Microsoft.Extensions.Http 8 nothing is redacted by default.
            // Composed after every other configuration, so a user's own RedactLoggedHeaders cannot undo it.
            builder.Services.PostConfigure<HttpClientFactoryOptions>(builder.Name, options =>
            {
                var alsoRedacted = options.ShouldRedactHeaderValue;
                options.ShouldRedactHeaderValue = header => string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) || alsoRedacted(header);
            });

            // Credentials must not follow a redirect. A primary handler configured later is the user's to set up (see README).
            return builder.ConfigurePrimaryHttpMessageHandler((handler, _) => RefuseRedirects(handler));
        }

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

        private static CadenzaSession CreateSession(IServiceProvider provider, string name, string httpClientName)
        {
            var options = provider.GetRequiredService<IOptionsMonitor<CadenzaSessionOptions>>().Get(name);
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
            return new CadenzaSession(options, () => clients.CreateClient(httpClientName));
        }

        private static string RequireName(string name) =>
            name is null ? throw new ArgumentNullException(nameof(name))
            : string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A session name must not be empty: use the overload without a name for the unnamed session.", nameof(name))
            : name;
    }
}
