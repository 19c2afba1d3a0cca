using System;
using System.Buffers;
using System.IO;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// The reader behind every generated client's responses. Typed dates (<c>DateTimeOffset</c> properties) are parsed
    /// straight from its buffer; everything read without a target type (free-form metadata, <c>object</c> values,
    /// <c>AdditionalProperties</c>) is read with <see cref="DateParseHandling.None"/>, so a date-like string there stays
    /// the string the server sent. Its char buffer comes from the shared pool.
    /// </summary>
    /// <remarks>
    /// Newtonsoft reads a typed property with <c>ReadAsDateTimeOffset</c>, <c>ReadAsString</c>… and an untyped value
    /// with <see cref="Read"/>. A global <see cref="DateParseHandling.None"/> would also make the typed reads go through
    /// a temporary string (about 80 bytes per date).
    /// </remarks>
    internal sealed class CadenzaJsonReader : JsonTextReader
    {
        public CadenzaJsonReader(TextReader reader)
            : base(reader)
        {
            ArrayPool = SharedCharPool.Instance;
        }

        public override bool Read()
        {
            var typedDates = DateParseHandling;
            DateParseHandling = DateParseHandling.None;
            try
            {
                return base.Read();
            }
            finally
            {
                DateParseHandling = typedDates;
            }
        }

        private sealed class SharedCharPool : IArrayPool<char>
        {
            public static readonly SharedCharPool Instance = new SharedCharPool();

            public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

            public void Return(char[]? array)
            {
                if (array != null)
                {
                    ArrayPool<char>.Shared.Return(array);
                }
            }
        }
    }
}
