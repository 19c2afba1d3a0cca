using System.Globalization;
using System.Text.Json;
using Cadenza.Emulator.Realtime.MarketData;

namespace Cadenza.Emulator.Realtime;

/// <summary>
/// The WebSocket RPC methods the emulator serves, each answering with its <c>rpc*Result</c> schema
/// (<c>{"data": …}</c>): <c>query.system.info</c>, <c>query.system.check</c>, <c>query.venue.list</c>,
/// <c>query.orderbook.get</c>, <c>query.orderbook.list</c> and <c>query.ticker.list</c>. Any other method gets
/// error 104 (method not found); parameters that do not fit the method's <c>rpc*Params</c>, error 107.
/// </summary>
internal sealed class RpcMethods(SyntheticMarket market, TimeProvider time)
{
    public byte[] Handle(uint id, string? method, JsonElement data)
    {
        object? result = method switch
        {
            "query.system.info" => new
            {
                data = new
                {
                    name = "Cadenza Emulator",
                    version = "3.0.0",
                    description = "A local, in-memory emulator of the Cadenza API, with synthetic market data",
                    documentation = "https://docs.algo724.com/api/v3",
                },
            },
            "query.system.check" => new
            {
                data = new
                {
                    status = "healthy",
                    timestamp = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    version = "3.0.0",
                    checks = new { database = new { status = "healthy" }, temporal = new { status = "healthy" }, redis = new { status = "healthy" } },
                },
            },
            "query.venue.list" => new { data = ChannelName.Venues.Order(StringComparer.Ordinal).ToList() },
            "query.orderbook.get" => OrderBook(data),
            "query.orderbook.list" => Instruments(data) is { } books ? new { data = books.Select(i => Snapshot(i, Depth(data))).ToList() } : null,
            "query.ticker.list" => Instruments(data) is { } tickers ? new { data = tickers.Select(i => TickerPayload.Create(i, Now)).ToList() } : null,
            _ => MethodNotFound,
        };

        return result switch
        {
            null => ReplyWriter.Error(id, ProtocolError.BadRequest),
            _ when ReferenceEquals(result, MethodNotFound) => ReplyWriter.Error(id, ProtocolError.MethodNotFound),
            _ => ReplyWriter.Rpc(id, ReplyWriter.Json(result)),
        };
    }

    private static readonly object MethodNotFound = new();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    // rpcGetOrderBookParams: instrumentId (required here: there is no "default instrument"), depth (default 10).
    private object? OrderBook(JsonElement data) =>
        ChannelName.TryParseInstrument(CommandJson.Text(data, "instrumentId"), out var venue, out var symbol) && Depth(data) > 0
            ? new { data = Snapshot(market.Instrument(venue, symbol), Depth(data)) }
            : null;

    private OrderBookPayload Snapshot(SyntheticInstrument instrument, int depth)
    {
        var (bids, asks) = instrument.Book(depth);
        return OrderBookPayload.Create(instrument, "SNAPSHOT", bids, asks, Now);
    }

    private static int Depth(JsonElement data) => (int)Math.Clamp(CommandJson.Number(data, "depth") ?? 10, 0, SyntheticInstrument.Depth);

    // rpcListOrderBooksParams / rpcListTickersParams: instrumentIds, or a venue with symbols (all its symbols when none).
    private List<SyntheticInstrument>? Instruments(JsonElement data)
    {
        var ids = Strings(data, "instrumentIds");
        var venue = CommandJson.Text(data, "venue");
        var symbols = Strings(data, "symbols");
        if (ids is null || symbols is null || (ids.Count == 0 && venue is null))
        {
            return null;
        }

        var instruments = new List<SyntheticInstrument>();
        foreach (var id in ids.Concat((symbols.Count > 0 ? symbols : SyntheticMarket.VenueSymbols).Select(s => venue + ":" + s).Where(_ => venue is not null)))
        {
            if (!ChannelName.TryParseInstrument(id, out var v, out var s))
            {
                return null;
            }

            instruments.Add(market.Instrument(v, s));
        }

        return instruments;
    }

    // A string array, an empty list when absent, null when present but not an array of strings.
    private static List<string>? Strings(JsonElement data, string name)
    {
        var value = CommandJson.Property(data, name);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : null;
    }
}
