using System.Text;

namespace Cadenza.Cli.Tests.Support;

/// <summary>A standard output that a test can watch: completes <see cref="Matched"/> with the first line containing a marker.</summary>
public sealed class LineSignal(string marker) : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<string> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public Task<string> Matched => _matched.Task;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var lines = _text.ToString().Split('\n');
                var line = lines[^2];
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    _matched.TrySetResult(line);
                }
            }
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
