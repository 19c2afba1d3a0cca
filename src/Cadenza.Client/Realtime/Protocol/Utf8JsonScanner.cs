using System;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>
    /// A strict, forward-only JSON reader over UTF-8 bytes, for the server's replies: reads the envelope's few
    /// fields, and validates a payload without materializing it, so only the payload's own text is allocated.
    /// Anything that is not JSON throws <see cref="JsonReaderException"/>.
    /// </summary>
    internal sealed class Utf8JsonScanner
    {
        private const int MaxDepth = 64;

        private readonly byte[] _bytes;
        private readonly int _end;
        private int _position;

        public Utf8JsonScanner(byte[] bytes, int start, int length)
        {
            _bytes = bytes;
            _position = start;
            _end = start + length;
        }

        /// <summary>True at the end of the input (whitespace aside).</summary>
        public bool AtEnd
        {
            get
            {
                SkipWhitespace();
                return _position == _end;
            }
        }

        /// <summary>Enters an object: true after '{', false for null (absent); anything else is an error.</summary>
        public bool ReadObjectStart()
        {
            if (TryLiteral("null"))
            {
                return false;
            }

            Expect((byte)'{');
            _first = true;
            return true;
        }

        /// <summary>The next property's name (the scanner is then on its value), or false at the object's end.</summary>
        public bool NextProperty(out string name)
        {
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                _first = false;
                name = "";
                return false;
            }

            if (!_first)
            {
                Expect((byte)',');
            }

            _first = false;
            name = ReadName();
            Expect((byte)':');
            return true;
        }

        public long ReadLong()
        {
            if (TryLiteral("null"))
            {
                return 0;
            }

            // proto3 JSON writes 64-bit integers as strings: accept both forms.
            var quoted = TryConsume((byte)'"');
            var negative = TryConsume((byte)'-');
            var start = _position;
            long value = 0;
            while (_position < _end && _bytes[_position] >= '0' && _bytes[_position] <= '9')
            {
                var digit = _bytes[_position++] - '0';
                value = value > (long.MaxValue - digit) / 10 ? throw Fail("an integer out of range") : (value * 10) + digit;
            }

            if (_position == start || (quoted && !TryConsume((byte)'"')) || Peek() == '.' || Peek() == 'e' || Peek() == 'E')
            {
                throw Fail("expected an integer");
            }

            return negative ? -value : value;
        }

        public bool ReadBool() =>
            TryLiteral("true") || (!TryLiteral("false") && !TryLiteral("null") ? throw Fail("expected true or false") : false);

        /// <summary>A property name: one of the protocol's own names without allocating, any other as a new string.</summary>
        public string ReadName()
        {
            SkipWhitespace();
            var start = _position + 1;
            var close = start;
            while (close < _end && _bytes[close] != '"' && _bytes[close] != '\\')
            {
                close++;
            }

            if (Peek() == '"' && close < _end && _bytes[close] == '"')
            {
                foreach (var known in KnownNames)
                {
                    if (known.Length == close - start && Matches(start, known))
                    {
                        _position = close + 1;
                        return known;
                    }
                }
            }

            return ReadString();
        }

        public string ReadString()
        {
            SkipWhitespace();
            if (TryLiteral("null"))
            {
                return "";
            }

            var (start, length, escaped) = SkipString();
            var raw = Encoding.UTF8.GetString(_bytes, start, length);
            return escaped ? Unescape(raw) : raw;
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

        /// <summary>The value here, checked to be JSON, as the text the server sent.</summary>
        public string ReadRawValue()
        {
            var (start, length) = SkipValue();
            return Encoding.UTF8.GetString(_bytes, start, length);
        }

        /// <summary>Steps through an array: true before each item, false after ']' (or for null).</summary>
        public bool NextArrayItem()
        {
            if (!_inArray)
            {
                if (TryLiteral("null"))
                {
                    return false;
                }

                Expect((byte)'[');
                _inArray = true;
                if (TryConsume((byte)']'))
                {
                    _inArray = false;
                    return false;
                }

                return true;
            }

            if (TryConsume((byte)']'))
            {
                _inArray = false;
                return false;
            }

            Expect((byte)',');
            return true;
        }

        /// <summary>Checks the value here is JSON and moves past it; its extent in the input.</summary>
        public (int Start, int Length) SkipValue()
        {
            SkipWhitespace();
            var start = _position;
            SkipValue(0);
            return (start, _position - start);
        }

        public JsonReaderException Fail(string what) =>
            new JsonReaderException($"Not a Centrifugo reply: {what} (at byte {_position}).");

        private static readonly string[] KnownNames =
        {
            "id", "error", "push", "connect", "subscribe", "refresh", "rpc", "code", "message", "reason", "temporary",
            "reconnect", "channel", "pub", "unsubscribe", "disconnect", "data", "offset", "time", "tags", "client",
            "version", "expires", "ttl", "ping", "pong", "recoverable", "epoch", "recovered", "publications",
        };

        private bool _first;
        private bool _inArray; // the protocol nests no array in an array it reads item by item

        private bool Matches(int start, string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                if (_bytes[start + i] != name[i])
                {
                    return false;
                }
            }

            return true;
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

        private bool TryLiteral(string literal)
        {
            SkipWhitespace();
            if (_end - _position < literal.Length)
            {
                return false;
            }

            for (var i = 0; i < literal.Length; i++)
            {
                if (_bytes[_position + i] != literal[i])
                {
                    return false;
                }
            }

            _position += literal.Length;
            return true;
        }

        private bool TryConsume(byte c)
        {
            SkipWhitespace();
            if (Peek() != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        private void Expect(byte c)
        {
            if (!TryConsume(c))
            {
                throw Fail($"expected '{(char)c}'");
            }
        }

        private int Peek(int offset = 0) => _position + offset < _end && _position + offset >= 0 ? _bytes[_position + offset] : -1;

        private void SkipWhitespace()
        {
            while (_position < _end && (_bytes[_position] == ' ' || _bytes[_position] == '\t' || _bytes[_position] == '\r' || _bytes[_position] == '\n'))
            {
                _position++;
            }
        }

        // Rare (escapes in the envelope's own strings): let Newtonsoft decode a JSON string literal.
        private string Unescape(string raw)
        {
            try
            {
                return JsonConvert.DeserializeObject<string>("\"" + raw + "\"") ?? "";
            }
            catch (JsonException)
            {
                throw Fail("a bad escape in a string");
            }
        }
    }
}
