using System.Globalization;

namespace Cadenza.Fleet;

/// <summary><c>--name value</c> pairs and <c>--flag</c>s, checked against the names a command knows; bad input is one clear line.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public static Arguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        var parsed = new Arguments();
        using var next = args.GetEnumerator();
        while (next.MoveNext())
        {
            var name = next.Current;
            if (flags.Contains(name))
            {
                parsed._values[name] = null;
            }
            else if (options.Contains(name))
            {
                parsed._values[name] = next.MoveNext() ? next.Current : throw new UsageException($"{name} needs a value.");
            }
            else
            {
                throw new UsageException($"Unknown argument '{name}'. Known: {string.Join(", ", options.Concat(flags).Order())}.");
            }
        }

        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) && value != null ? value : fallback ?? throw new UsageException($"{name} is required.");

    public int Number(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var value) || value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{value}'.");
    }

    public TimeSpan Seconds(string name, double fallback, double min, double max)
    {
        var seconds = fallback;
        if (_values.TryGetValue(name, out var value) && value != null
            && !(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= min && seconds <= max))
        {
            throw new UsageException($"{name} must be a number of seconds from {min} to {max}, not '{value}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}

internal sealed class UsageException(string message) : Exception(message);
