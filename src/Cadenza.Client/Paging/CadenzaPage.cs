using System;
using System.Collections.Generic;

namespace Cadenza.Client
{
    /// <summary>One page of a list operation, as the server answered it.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    public sealed class CadenzaPage<T>
    {
        /// <summary>Creates a page (for tests and mocks; the SDK makes them while walking a list).</summary>
        /// <param name="items">The page's items.</param>
        /// <param name="offset">The offset this page was asked for, when paging by offset.</param>
        /// <param name="cursor">The cursor this page was asked for, when paging by cursor.</param>
        /// <param name="nextCursor">The cursor the server returned for the next page.</param>
        /// <param name="total">The total the server reported.</param>
        /// <param name="hasNext">Whether the server said more items follow.</param>
        public CadenzaPage(IReadOnlyList<T> items, long? offset = null, string? cursor = null, string? nextCursor = null, long? total = null, bool? hasNext = null)
        {
            Items = items ?? throw new ArgumentNullException(nameof(items));
            Offset = offset;
            Cursor = cursor;
            NextCursor = nextCursor;
            Total = total;
            HasNext = hasNext;
        }

        /// <summary>The page's items (<c>data</c>); empty, never null.</summary>
        public IReadOnlyList<T> Items { get; }

        /// <summary>The offset this page was asked for; null when it was asked for by cursor.</summary>
        public long? Offset { get; }

        /// <summary>The cursor this page was asked for; null for the first page and when paging by offset.</summary>
        public string? Cursor { get; }

        /// <summary>The server's cursor for the next page (<c>pagination.cursor</c>), if it gave one.</summary>
        public string? NextCursor { get; }

        /// <summary>The total number of items the server reported (<c>pagination.total</c>), if it did.</summary>
        public long? Total { get; }

        /// <summary>Whether the server said more items follow (<c>pagination.hasNext</c>), if it did.</summary>
        public bool? HasNext { get; }
    }
}
