using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cadenza.Client
{
    /// <summary>How a <see cref="CadenzaSession"/> reaches Cadenza and keeps its tokens.</summary>
    public sealed class CadenzaSessionOptions
    {
        /// <summary>The UAT server, the default.</summary>
        public static readonly Uri UatServer = new Uri("https://cadenza-api-uat.algo724.com/");

        /// <summary>The production server.</summary>
        public static readonly Uri ProductionServer = new Uri("https://cadenza-api.algo724.com/");

        /// <summary>The server; defaults to <see cref="UatServer"/>. A missing trailing <c>/</c> is added.</summary>
        public Uri BaseAddress { get; set; } = UatServer;

        /// <summary>
        /// How long before expiry the access token is refreshed (default 60 s). For tokens that live less than
        /// twice this long, the token is refreshed half-way through its life instead.
        /// </summary>
        public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Inside the refresh margin, whether callers get the still-valid token at once while one refresh runs in the
        /// background (true, the default: right for services). Set false in a short-lived process (a command-line tool,
        /// a function) that exits right after its calls: a call inside the margin then waits for the refresh, so no
        /// refresh is still under way at exit. Refresh tokens are single-use: a refresh cut off after the server rotated
        /// the token would leave the next run presenting a spent one.
        /// </summary>
        public bool RefreshInBackground { get; set; } = true;

        /// <summary>
        /// After a refresh fails for a transient reason (network, timeout, 5xx, 429), how long the session waits before
        /// the next attempt (default 5 s); the wait doubles with each consecutive failure up to
        /// <see cref="RefreshRetryMaxDelay"/>, is up to 25% shorter at random, and is never shorter than a 429's
        /// <c>Retry-After</c> (honoured up to 10 minutes). Meanwhile a still-valid token keeps being used, and a caller
        /// whose token has expired gets the last failure at once: an outage never turns every call into a refresh attempt.
        /// </summary>
        public TimeSpan RefreshRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest wait between refresh attempts while they keep failing (default 30 s). See <see cref="RefreshRetryDelay"/>.</summary>
        public TimeSpan RefreshRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Where the tokens are kept between runs; defaults to memory only.</summary>
        public ICadenzaSessionStore Store { get; set; } = new InMemorySessionStore();

        /// <summary>The clock; <see cref="System.TimeProvider.System"/> by default (tests pass a fake one).</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Where the session logs. Nothing secret is ever logged.</summary>
        public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

        /// <summary>
        /// Allows plain <c>http://</c> to a host that is not loopback. Only for test rigs: tokens and passwords
        /// would cross the network in clear text.
        /// </summary>
        public bool AllowInsecureHttp { get; set; }

        internal Uri ValidatedBaseAddress()
        {
            var address = BaseAddress ?? throw new ArgumentException("CadenzaSessionOptions.BaseAddress is required.", nameof(BaseAddress));
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"CadenzaSessionOptions.BaseAddress must be an absolute http(s) URL, not '{address.OriginalString}'.", nameof(BaseAddress));
            }

            if (!AllowInsecureHttp && InsecureTransport.IsInsecure(address))
            {
                throw new ArgumentException(InsecureTransport.Refusal(address), nameof(BaseAddress));
            }

            if (RefreshMargin < TimeSpan.Zero)
            {
                throw new ArgumentException("CadenzaSessionOptions.RefreshMargin cannot be negative.", nameof(RefreshMargin));
            }

            if (RefreshRetryDelay < TimeSpan.Zero || RefreshRetryMaxDelay < TimeSpan.Zero)
            {
                throw new ArgumentException("CadenzaSessionOptions.RefreshRetryDelay and RefreshRetryMaxDelay cannot be negative.", nameof(RefreshRetryDelay));
            }

            return address.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? address : new Uri(address.AbsoluteUri + "/");
        }
    }
}
