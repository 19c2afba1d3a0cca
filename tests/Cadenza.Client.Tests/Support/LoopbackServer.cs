using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cadenza.Client.Tests.Support;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a free port), for what only a real transport does: following
/// redirects. One request per connection; every request is recorded, then answered by <see cref="Answer"/>.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackServer(Func<LoopbackRequest, LoopbackResponse> answer)
    {
        Answer = answer;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public Func<LoopbackRequest, LoopbackResponse> Answer { get; set; }

    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadAsync(stream);
                Requests.Enqueue(request);
                var response = Answer(request);
                var head = new StringBuilder($"HTTP/1.1 {response.Status} X\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(response.Body)}\r\n");
                foreach (var (name, value) in response.Headers)
                {
                    head.Append(name).Append(": ").Append(value).Append("\r\n");
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
            }
            catch (IOException)
            {
                // The client went away: nothing to answer.
            }
        }
    }

    private static async Task<LoopbackRequest> ReadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the headers ended");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
        await stream.ReadExactlyAsync(body);
        var requestLine = lines[0].Split(' ');
        return new LoopbackRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }
}

public sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

public sealed record LoopbackResponse(int Status, string Body, params (string Name, string Value)[] Headers)
{
    public static LoopbackResponse Json(int status, string body) => new(status, body, ("Content-Type", "application/json; charset=utf-8"));
}
