using Cadenza.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace Cadenza.Client.Tests.Resilience;

/// <summary>
/// AddCadenzaResilience against a server that fails the first attempts (timeouts, 503, a connection reset after it
/// processed the request). Time is fake: the clock moves only when a test has seen the delay or timeout armed.
/// </summary>
public sealed class RetryTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    // NUnit shares one fixture instance between its tests: each test gets its own server, clock and container.
    private FaultyCadenza _server = null!;
    private ObservedTime _time = null!;
    private List<TimeSpan> _retryDelays = null!;
    private ServiceProvider? _provider;

    [SetUp]
    public void SetUp()
    {
        _server = new FaultyCadenza();
        _time = new ObservedTime();
        _retryDelays = [];
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_provider != null)
        {
            await _provider.DisposeAsync();
            _provider = null;
        }

        _server.Dispose();
    }

    [Test]
    public async Task A_submitted_order_that_succeeds_on_retry_was_placed_once_with_the_same_key_on_every_attempt()
    {
        var trading = await SignedInAsync<TradingClient>();
        _server.Script(FaultyCadenza.Submit, Fault.ResetAfterProcessing, Fault.Unavailable(TimeSpan.FromSeconds(1)), Fault.HangAfterProcessing);
        var order = NewOrder();

        var call = trading.SubmitTradeOrderAsync(order);
        await _time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));   // the 503's Retry-After
        await _server.Hanging.Task;
        await _time.AdvanceWhenArmedAsync(AttemptTimeout);            // the third attempt times out
        var placed = await call;

        var keys = _server.SentKeys.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(keys, Has.Count.EqualTo(4), "reset, 503, timeout, success");
            Assert.That(keys.Distinct().ToList(), Is.EqualTo(new[] { order.IdempotencyKey }), "one key, the SDK's, on every attempt");
            Assert.That(Guid.TryParse(order.IdempotencyKey, out _), Is.True, "a fresh GUID, visible on the caller's object");
            Assert.That(_server.Processed, Is.EqualTo(1 + 3), "the server acted on three submits (and the login) …");
            Assert.That(_server.OrdersPlaced, Is.EqualTo(1), "… and placed one order");
            Assert.That(placed.Data!.Single().TradeOrderId, Is.EqualTo(_server.OrderFor(order.IdempotencyKey!)), "the answer is the one order");
        });
    }

    [Test]
    public async Task A_POST_without_an_idempotency_key_is_not_retried()
    {
        var trading = await SignedInAsync<TradingClient>();
        _server.Script(FaultyCadenza.Cancel, Fault.ResetAfterProcessing);

        Assert.ThrowsAsync<HttpRequestException>(() => trading.CancelTradeOrderAsync(new CancelTradeOrderRequest { TradeOrderId = Guid.NewGuid(), TradingAccountId = Guid.NewGuid() }));
        Assert.That(_server.AttemptsAt(FaultyCadenza.Cancel), Is.EqualTo(1));
    }

    [Test]
    public async Task A_GET_is_retried_until_it_succeeds()
    {
        var trading = await SignedInAsync<TradingClient>();
        _server.Script(FaultyCadenza.List, Fault.Unavailable(), Fault.ResetAfterProcessing);

        var orders = await trading.ListTradeOrdersAsync();

        Assert.That((_server.AttemptsAt(FaultyCadenza.List), orders.Data!.Count), Is.EqualTo((3, 0)));
    }

    [Test]
    public async Task Retry_After_on_429_is_the_delay_before_the_retry()
    {
        var trading = await SignedInAsync<TradingClient>();
        _server.Script(FaultyCadenza.List, Fault.TooManyRequests(TimeSpan.FromSeconds(7)));

        var call = trading.ListTradeOrdersAsync();
        await _time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(7));
        await call;

        Assert.That(_retryDelays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        Assert.That(_server.AttemptsAt(FaultyCadenza.List), Is.EqualTo(2));
    }

    [Test]
    public async Task A_Retry_After_longer_than_the_whole_call_may_take_goes_back_to_the_caller()
    {
        var trading = await SignedInAsync<TradingClient>();
        _server.Script(FaultyCadenza.List, Fault.TooManyRequests(TimeSpan.FromHours(2)));

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => trading.ListTradeOrdersAsync());

        Assert.That((failure!.StatusCode, failure.RetryAfter), Is.EqualTo((429, (TimeSpan?)TimeSpan.FromHours(2))));
        Assert.That(_server.AttemptsAt(FaultyCadenza.List), Is.EqualTo(1));
    }

    [Test]
    public async Task Login_is_never_retried_by_the_layer()
    {
        var session = Provider().GetRequiredService<CadenzaSession>();
        _server.Script(FaultyCadenza.Login, Fault.Unavailable());

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => session.LoginAsync(FakeCadenza.Email, FakeCadenza.Password));

        Assert.That(failure!.StatusCode, Is.EqualTo(503));
        Assert.That(_server.AttemptsAt(FaultyCadenza.Login), Is.EqualTo(1));
    }

    [Test]
    public async Task Refresh_is_never_retried_by_the_layer_and_the_session_keeps_its_tokens()
    {
        var trading = await SignedInAsync<TradingClient>();
        var session = _provider!.GetRequiredService<CadenzaSession>();
        _server.Script(FaultyCadenza.Refresh, Fault.ResetAfterProcessing);
        _time.Advance(TimeSpan.FromHours(2));   // the access token has expired: the next call refreshes first

        var failure = Assert.ThrowsAsync<CadenzaApiException>(() => trading.ListTradeOrdersAsync());

        Assert.That(failure!.InnerException, Is.InstanceOf<HttpRequestException>(), "a refresh failure is typed; the transport's is inside");

        Assert.That(_server.AttemptsAt(FaultyCadenza.Refresh), Is.EqualTo(1), "a retried refresh would present a spent refresh token");
        Assert.That(session.State, Is.EqualTo(CadenzaSessionState.SignedIn));
    }

    [Test]
    public async Task The_circuit_opens_after_failures_and_then_fails_fast_without_calling_the_server()
    {
        var trading = await SignedInAsync<TradingClient>(o =>
        {
            o.CircuitBreaker.MinimumThroughput = 3;   // the login and the two failures
            o.CircuitBreaker.FailureRatio = 0.5;
        });
        _server.Script(FaultyCadenza.Cancel, Fault.Unavailable(), Fault.Unavailable());
        var cancel = new CancelTradeOrderRequest { TradeOrderId = Guid.NewGuid(), TradingAccountId = Guid.NewGuid() };

        Assert.ThrowsAsync<CadenzaApiException>(() => trading.CancelTradeOrderAsync(cancel));
        Assert.ThrowsAsync<CadenzaApiException>(() => trading.CancelTradeOrderAsync(cancel));
        Assert.ThrowsAsync<BrokenCircuitException>(() => trading.CancelTradeOrderAsync(cancel));

        Assert.That(_server.AttemptsAt(FaultyCadenza.Cancel), Is.EqualTo(2));
    }

    private static SubmitTradeOrderRequest NewOrder() => new()
    {
        TradingAccountId = Guid.NewGuid(),
        InstrumentId = "BINANCE:BTC/USDT",
        OrderSide = OrderSide.Buy,
        OrderType = OrderType.Limit,
        Quantity = "0.01",
        LimitPrice = "60000",
    };

    private async Task<T> SignedInAsync<T>(Action<CadenzaResilienceOptions>? configure = null)
        where T : class
    {
        var provider = Provider(configure, typeof(T));
        await provider.GetRequiredService<CadenzaSession>().LoginAsync(FakeCadenza.Email, FakeCadenza.Password);
        return provider.GetRequiredService<T>();
    }

    private ServiceProvider Provider(Action<CadenzaResilienceOptions>? configure = null, Type? client = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddCadenzaClient(o => o.BaseAddress = MockServer.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => _server)
            .AddCadenzaResilience(o =>
            {
                // No back-off wait: the clock moves only for Retry-After and timeouts, which the tests arm and pass.
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.OnRetry = args =>
                {
                    _retryDelays.Add(args.RetryDelay);
                    return default;
                };
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
                o.AttemptTimeout.Timeout = AttemptTimeout;
                configure?.Invoke(o);
            });
        if (client != null)
        {
            services.AddTransient(client, provider => ActivatorUtilities.CreateInstance(provider, client, provider.GetRequiredService<CadenzaSession>().HttpClient));
        }

        return _provider = services.BuildServiceProvider();
    }
}
