using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Cadenza.Client;
using Newtonsoft.Json;

namespace Cadenza.Benchmarks
{
    /// <summary>
    /// One <c>GET api/v3/auth/user</c> per call, three ways, against the same in-memory handler and body:
    /// a hand-rolled HttpClient + Newtonsoft call (the floor), the bare generated client (the baseline), and the
    /// generated client behind the session's bearer handler (token valid: the fast path).
    /// </summary>
    [Config(typeof(LocalConfig))]
    public class AuthGetUserBenchmarks
    {
        private static readonly Uri BaseAddress = new Uri("https://cadenza.example/");

        private CannedCadenza _server = null!;
        private HttpClient _http = null!;
        private AuthenticationClient _client = null!;
        private CadenzaSession _session = null!;
        private AuthenticationClient _sessionClient = null!;

        [GlobalSetup]
        public async Task SetupAsync()
        {
            _server = new CannedCadenza(TimeProvider.System.GetUtcNow());

            // (1) and (2) share one HttpClient: the bearer header is a default request header.
            _http = new HttpClient(_server, disposeHandler: false) { BaseAddress = BaseAddress };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CannedCadenza.AccessToken);
            _client = new AuthenticationClient(_http);

            // (3) the session's own HttpClient over the same handler; logged in once (the handler answers the login too).
            _session = new CadenzaSession(new CadenzaSessionOptions { BaseAddress = BaseAddress, TimeProvider = TimeProvider.System }, _server);
            await _session.LoginAsync(CannedCadenza.Email, "correct horse battery staple").ConfigureAwait(false);
            _sessionClient = _session.Authentication;

            await CheckAsync(nameof(Floor), Floor).ConfigureAwait(false);
            await CheckAsync(nameof(GeneratedClient), GeneratedClient).ConfigureAwait(false);
            await CheckAsync(nameof(GeneratedClientThroughSession), GeneratedClientThroughSession).ConfigureAwait(false);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _session.Dispose();
            _http.Dispose();
            _server.Dispose();
        }

        /// <summary>(1) What a user would hand-roll: GET with the bearer header, read the body as a string, deserialize, check success.</summary>
        [Benchmark(Description = "1 floor: HttpClient + JsonConvert")]
        public async Task<AuthGetUser200Response> Floor()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v3/auth/user");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException("HTTP " + (int)response.StatusCode);
            }

            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var result = JsonConvert.DeserializeObject<AuthGetUser200Response>(text);
            if (result is null || result.Success == false)
            {
                throw new InvalidOperationException("success: false");
            }

            return result;
        }

        /// <summary>(2) The bare generated client; the bearer header is a default request header of its HttpClient.</summary>
        [Benchmark(Baseline = true, Description = "2 generated client")]
        public Task<AuthGetUser200Response> GeneratedClient() => _client.AuthGetUserAsync();

        /// <summary>(3) The generated client on the session's pipeline (CadenzaAuthenticationHandler attaches the token).</summary>
        [Benchmark(Description = "3 generated client + session handler")]
        public Task<AuthGetUser200Response> GeneratedClientThroughSession() => _sessionClient.AuthGetUserAsync();

        // Each variant must really send the token and really get the user; otherwise the numbers mean nothing.
        private async Task CheckAsync(string name, Func<Task<AuthGetUser200Response>> variant)
        {
            _server.Record = true;
            try
            {
                var calls = _server.Calls;
                var result = await variant().ConfigureAwait(false);
                if (_server.Calls != calls + 1 || _server.LastAuthorization != "Bearer " + CannedCadenza.AccessToken)
                {
                    throw new InvalidOperationException($"{name}: expected one request with the bearer token, saw {_server.Calls - calls} (Authorization: {_server.LastAuthorization ?? "none"}).");
                }

                if (result.Data?.Email != CannedCadenza.Email || result.Data.UserMetadata is null || result.Data.AdditionalProperties.Count == 0)
                {
                    throw new InvalidOperationException($"{name}: the user did not deserialize as expected.");
                }
            }
            finally
            {
                _server.Record = false;
            }
        }
    }
}
