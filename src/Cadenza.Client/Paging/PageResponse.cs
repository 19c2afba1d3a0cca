using System;
using System.Collections.Generic;
using System.Linq;

namespace Cadenza.Client
{
    /// <summary>What the page walk reads from a list response: <c>data</c>, and <c>pagination</c> where the response has it.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    internal sealed class PageResponse<T>
    {
        public PageResponse(IEnumerable<T>? items, long? offset, long? limit, long? total, string? cursor, bool? hasNext)
        {
            Items = items?.ToList() ?? (IReadOnlyList<T>)Array.Empty<T>();
            Offset = offset;
            Limit = limit;
            Total = total;
            Cursor = string.IsNullOrEmpty(cursor) ? null : cursor;
            HasNext = hasNext;
        }

        public IReadOnlyList<T> Items { get; }

        public long? Offset { get; }

        public long? Limit { get; }

        public long? Total { get; }

        /// <summary>The next page's cursor; an empty string counts as none.</summary>
        public string? Cursor { get; }

        public bool? HasNext { get; }
    }
}
