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
    internal sealed partial class Utf8JsonScanner
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

        public JsonReaderException Fail(string what) =>
            new JsonReaderException($"Not a Centrifugo reply: {what} (at byte {_position}).");

        private bool _first;
        private bool _inArray; // the protocol nests no array in an array it reads item by item

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
