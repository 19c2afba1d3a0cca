using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cadenza.Client;
using Cadenza.Emulator;

namespace Cadenza.Cli.Commands
{
    /// <summary>
    /// The real-time step of <c>cadenza demo</c>: the session's <see cref="CadenzaRealtime"/> connection to the
    /// emulator's WebSocket endpoint fetches an order book by RPC, follows its updates, has its connection dropped by
    /// the emulator, and must carry on with nothing lost and nothing twice.
    /// </summary>
    internal static class DemoRealtimeStep
    {
        private const int Before = 3;
        private const int After = 3;

        public static async Task<string> RunAsync(CadenzaSession session, CadenzaEmulator emulator, TimeProvider time, CancellationToken cancellationToken)
        {
            var dropped = 0; // 1 once the emulator dropped the connection, 2 once the client noticed
            var reconnected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var realtime = new CadenzaRealtime(session, new CadenzaRealtimeOptions
            {
                ServerUri = emulator.Realtime.Address,
                TimeProvider = time,
                MinReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
            });
            realtime.StateChanged += (_, change) =>
            {
                if (change.State == CadenzaRealtimeState.Connecting)
                {
                    Interlocked.CompareExchange(ref dropped, 2, 1);
                }
                else if (change.State == CadenzaRealtimeState.Connected && Volatile.Read(ref dropped) == 2)
                {
                    reconnected.TrySetResult(true);
                }
            };

            var book = await realtime.Rpc.GetOrderBookAsync(new RpcGetOrderBookParams { InstrumentId = "BINANCE:BTC/USDT", Depth = 5 }, cancellationToken).ConfigureAwait(false);
            Expect(book.Data is { Bids.Count: > 0, Asks.Count: > 0 }, "query.orderbook.get returned an empty book");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var subscription = realtime.SubscribeOrderBookAsync(Venue.Binance, "BTC/USDT");
            var gaps = 0;
            subscription.Gap += (_, _) => gaps++;
            var offsets = new List<long>();
            var raw = realtime.SubscribeRawAsync("market:orderbook:BINANCE:BTC/USDT"); // the same channel: its offsets prove the order
            var typed = subscription.GetAsyncEnumerator(timeout.Token);
            var positions = raw.GetAsyncEnumerator(timeout.Token);
            try
            {
                var types = new List<string>();
                for (var i = 0; i < Before + After; i++)
                {
                    if (i == Before)
                    {
                        Volatile.Write(ref dropped, 1);
                        emulator.Realtime.DropConnections();
                        await reconnected.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
                    }

                    Expect(await typed.MoveNextAsync().ConfigureAwait(false) && await positions.MoveNextAsync().ConfigureAwait(false), "the order book stream ended");
                    types.Add(Watch.WireEnum.Name(typed.Current.UpdateType));
                    offsets.Add(positions.Current.Offset);
                }

                for (var i = 1; i < offsets.Count; i++)
                {
                    Expect(offsets[i] == offsets[i - 1] + 1, $"offsets {string.Join(", ", offsets)}: an update was lost or repeated across the dropped connection");
                }

                Expect(gaps == 0, "a gap was reported for a short disconnect");
                return $"RPC order book (best bid {Cell(book.Data!.Bids)}); {offsets.Count} live updates ({string.Join(" ", types)}), "
                    + $"connection dropped after {Before} and resumed: offsets {offsets[0]}..{offsets[offsets.Count - 1]}, none lost or twice";
            }
            finally
            {
                await typed.DisposeAsync().ConfigureAwait(false);
                await positions.DisposeAsync().ConfigureAwait(false);
            }
        }

        private static string Cell(ICollection<OrderBookEntry> side)
        {
            foreach (var row in side)
            {
                return row.Count > 0 ? row[0] : "-";
            }

            return "-";
        }

        private static void Expect(bool condition, string failure)
        {
            if (!condition)
            {
                throw new CliFailure(CliErrorCodes.DemoFailed, failure);
            }
        }
    }
}
