using System.Globalization;

namespace Cadenza.Emulator.Realtime.MarketData;

/// <summary>
/// <c>tradingAccount:{accountId}</c>: order, balance and portfolio updates in turn (the spec leaves this payload
/// open; its example is <c>{"type": "orderUpdate", "order": {…}}</c>). Each order goes NEW, PARTIALLY_FILLED, FILLED.
/// </summary>
internal sealed class TradingAccountFeed(string accountId, TimeProvider time) : SyntheticFeed(time)
{
    private static readonly string[] OrderStatuses = ["ACCEPTED", "PARTIALLY_FILLED", "FILLED"];
    private long _sequence;
    private decimal _usdt = 100_000m;
    private decimal _btc;

    protected override object NextPayload(DateTimeOffset now)
    {
        var step = _sequence++;
        var timestamp = now.ToUnixTimeMilliseconds();
        var order = step / 3;
        switch (step % 3)
        {
            case 0:
                var status = OrderStatuses[(int)(order % OrderStatuses.Length)];
                return new
                {
                    type = "orderUpdate",
                    order = new
                    {
                        orderId = "order-" + (order / OrderStatuses.Length).ToString(CultureInfo.InvariantCulture),
                        tradingAccountId = accountId,
                        instrumentId = "BINANCE:BTC/USDT",
                        side = "BUY",
                        orderType = "LIMIT",
                        status,
                        quantity = "0.0100",
                        filledQuantity = status switch { "FILLED" => "0.0100", "PARTIALLY_FILLED" => "0.0050", _ => "0.0000" },
                        price = "50000.00",
                        updatedAt = timestamp,
                    },
                };
            case 1:
                _btc += 0.005m;
                _usdt -= 250m;
                return new
                {
                    type = "balanceUpdate",
                    balances = new[]
                    {
                        new { tradingAccountId = accountId, securitySymbol = "BTC", free = SyntheticInstrument.Size(_btc), locked = "0.0000" },
                        new { tradingAccountId = accountId, securitySymbol = "USDT", free = _usdt.ToString("F2", CultureInfo.InvariantCulture), locked = "0.00" },
                    },
                    timestamp,
                };
            default:
                return new
                {
                    type = "portfolioUpdate",
                    portfolio = new { tradingAccountId = accountId, totalValueUsd = (_usdt + (_btc * 50_000m)).ToString("F2", CultureInfo.InvariantCulture) },
                    timestamp,
                };
        }
    }
}
