using System;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>A JSON reader over one line of a frame, without copying the line out of the frame's text.</summary>
    internal sealed class LineReader : JsonTextReader
    {
        public LineReader(string text, int start, int length)
            : this(new StringSlice(text, start, length))
        {
        }

        private LineReader(StringSlice line)
            : base(line)
        {
            Line = line;
            DateParseHandling = DateParseHandling.None;
            ArrayPool = JsonCharPool.Instance;
            MaxDepth = 64;
        }

        public StringSlice Line { get; }

        /// <summary>A read-only window on a string, read as a <see cref="TextReader"/>.</summary>
        internal sealed class StringSlice : TextReader
        {
            private readonly string _text;
            private readonly int _start;
            private readonly int _end;
            private int _position;

            public StringSlice(string text, int start, int length)
            {
                _text = text;
                _start = start;
                _end = start + length;
                _position = start;
            }

            /// <summary>A part of the line, by offsets within the line.</summary>
            public string Substring(int offset, int length) =>
                offset < 0 || length < 0 || _start + offset + length > _end
                    ? throw new JsonReaderException("Not a Centrifugo reply: a value runs past the end of its line.")
                    : _text.Substring(_start + offset, length);

            public override int Peek() => _position < _end ? _text[_position] : -1;

            public override int Read() => _position < _end ? _text[_position++] : -1;

            public override int Read(char[] buffer, int index, int count)
            {
                var n = Math.Min(count, _end - _position);
                _text.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }
        }
    }
}
