using System;
using System.Globalization;
using System.Text;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>Checking a value is JSON while moving past it, without allocating: strings, numbers, literals, nesting.</summary>
    internal sealed partial class Utf8JsonScanner
    {
        /// <summary>Checks the value here is JSON and moves past it; its extent in the input.</summary>
        public (int Start, int Length) SkipValue()
        {
            SkipWhitespace();
            var start = _position;
            SkipValue(0);
            return (start, _position - start);
        }

        private void SkipValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail("nested too deeply");
            }

            SkipWhitespace();
            switch (Peek())
            {
                case '{':
                    _position++;
                    for (var first = true; !TryConsume((byte)'}'); first = false)
                    {
                        if (!first)
                        {
                            Expect((byte)',');
                        }

                        SkipString();
                        Expect((byte)':');
                        SkipValue(depth + 1);
                    }

                    return;
                case '[':
                    _position++;
                    for (var first = true; !TryConsume((byte)']'); first = false)
                    {
                        if (!first)
                        {
                            Expect((byte)',');
                        }

                        SkipValue(depth + 1);
                    }

                    return;
                case '"':
                    SkipString();
                    return;
                default:
                    if (!TryLiteral("true") && !TryLiteral("false") && !TryLiteral("null"))
                    {
                        SkipNumber();
                    }

                    return;
            }
        }

        private void SkipNumber()
        {
            var end = NumberEnd();
            var text = Encoding.ASCII.GetString(_bytes, _position, end - _position);
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
                || text.StartsWith("+", StringComparison.Ordinal) || text.StartsWith(".", StringComparison.Ordinal) || text.EndsWith(".", StringComparison.Ordinal))
            {
                throw Fail("expected a value");
            }

            _position = end;
        }

        private int NumberEnd()
        {
            var end = _position;
            while (end < _end && (char.IsDigit((char)_bytes[end]) || _bytes[end] == '-' || _bytes[end] == '+' || _bytes[end] == '.' || _bytes[end] == 'e' || _bytes[end] == 'E'))
            {
                end++;
            }

            return end > _position ? end : throw Fail("expected a value");
        }

        // Moves past a string literal without decoding it: where its content is, and whether it has escapes.
        private (int Start, int Length, bool Escaped) SkipString()
        {
            Expect((byte)'"');
            var start = _position;
            var escaped = false;
            while (true)
            {
                var c = _position < _end ? _bytes[_position] : throw Fail("an unterminated string");
                if (c == '"')
                {
                    _position++;
                    return (start, _position - 1 - start, escaped);
                }

                if (c < 0x20)
                {
                    throw Fail("a control character in a string");
                }

                if (c == '\\')
                {
                    escaped = true;
                    var next = _position + 1 < _end ? _bytes[_position + 1] : 0;
                    if (next != '"' && next != '\\' && next != '/' && next != 'b' && next != 'f' && next != 'n' && next != 'r' && next != 't' && next != 'u')
                    {
                        throw Fail("a bad escape in a string");
                    }

                    _position++;
                }

                _position++;
            }
        }
    }
}
