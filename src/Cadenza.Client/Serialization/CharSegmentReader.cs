using System;
using System.IO;

namespace Cadenza.Client
{
    /// <summary>A <see cref="TextReader"/> over the first <c>count</c> chars of a (pooled) array, with no string made.</summary>
    internal sealed class CharSegmentReader : TextReader
    {
        private readonly char[] _chars;
        private readonly int _count;
        private int _position;

        public CharSegmentReader(char[] chars, int count)
        {
            _chars = chars;
            _count = count;
        }

        public override int Peek() => _position < _count ? _chars[_position] : -1;

        public override int Read() => _position < _count ? _chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, _count - _position);
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(_chars, _position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
