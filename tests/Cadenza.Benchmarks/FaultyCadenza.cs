using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Benchmarks
{
    /// <summary>
    /// An in-memory Cadenza for <see cref="SessionFaultsRun"/>: login and refresh issue numbered tokens with the
    /// expiry fields it is told to send; a refresh can be made slow (real time) or fail as the network would.
    /// Any bearer token is accepted: what is measured is the session's behaviour, not the server's.
    /// </summary>
    public sealed class FaultyCadenza : HttpMessageHandler
    {
        private static readonly byte[] UserBody = Encoding.UTF8.GetBytes(
            "{ \"success\": true, \"errno\": 0, \"error\": null, \"data\": " + CannedCadenza.UserJson + " }");

        private readonly Func<DateTimeOffset> _now;
        private int _issued;
        private int _refreshes;

        public FaultyCadenza(Func<DateTimeOffset> now) => _now = now;

        /// <summary>The <c>expiresIn</c> sent, or null to leave it out.</summary>
        public int? ExpiresIn { get; set; } = 3600;

        /// <summary>The <c>expiresAt</c> sent, from the current time; null to leave it out.</summary>
        public Func<DateTimeOffset, long?> ExpiresAt { get; set; } = now => now.AddHours(1).ToUnixTimeSeconds();

        /// <summary>When true, refreshes fail as a reset connection would.</summary>
        public bool RefreshFails { get; set; }

        /// <summary>How long (real time) a refresh takes to answer.</summary>
        public TimeSpan RefreshDelay { get; set; }

        public int Refreshes => Volatile.Read(ref _refreshes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get)
            {
                return Json(UserBody);
            }

            if (request.RequestUri!.AbsolutePath.EndsWith("/token/refresh", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refreshes);
                if (RefreshDelay > TimeSpan.Zero)
                {
                    await Task.Delay(RefreshDelay, cancellationToken).ConfigureAwait(false);
                }

                if (RefreshFails)
                {
                    throw new HttpRequestException("connection reset");
                }
            }

            var n = Interlocked.Increment(ref _issued);
            var now = _now();
            var expiresIn = ExpiresIn is int seconds ? ", \"expiresIn\": " + seconds : string.Empty;
            var expiresAt = ExpiresAt(now) is long at ? ", \"expiresAt\": " + at : string.Empty;
            return Json(Encoding.UTF8.GetBytes(
                $"{{ \"success\": true, \"errno\": 0, \"error\": null, \"data\": {{ \"accessToken\": \"access-{n}\", \"refreshToken\": \"refresh-{n}\", \"tokenType\": \"bearer\"{expiresIn}{expiresAt}, \"user\": {CannedCadenza.UserJson} }} }}"));
        }

        private static HttpResponseMessage Json(byte[] body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }
    }
}
