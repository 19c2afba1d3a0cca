using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>
    /// Every item of a list operation, page after page: <c>await foreach (var order in trading.ListAllTradeOrdersAsync())</c>.
    /// Each page is requested when the previous one is used up; nothing is sent before the enumeration starts, and each
    /// enumeration walks the list afresh. <see cref="AsPages"/> gives the pages themselves (with the server's
    /// <c>total</c>, <c>hasNext</c> and cursor).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    public class CadenzaPageable<T> : IAsyncEnumerable<T>
    {
        private readonly string _operation = string.Empty;
        private readonly bool _byOffset;
        private readonly bool _byCursor;
        private readonly int? _pageSize;
        private readonly CancellationToken _cancellationToken;
        private readonly Func<PageRequest, CancellationToken, Task<PageResponse<T>>>? _fetch;

        internal CadenzaPageable(string operation, bool byOffset, bool byCursor, int? pageSize, CancellationToken cancellationToken, Func<PageRequest, CancellationToken, Task<PageResponse<T>>> fetch)
        {
            if (pageSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be at least 1 (or null to leave it to the server).");
            }

            _operation = operation;
            _byOffset = byOffset;
            _byCursor = byCursor;
            _pageSize = pageSize;
            _cancellationToken = cancellationToken;
            _fetch = fetch;
        }

        /// <summary>For mocking: a subclass overrides <see cref="AsPages"/>, and the items follow from it.</summary>
        protected CadenzaPageable()
        {
        }

        /// <summary>The pages, each requested when the one before has been used.</summary>
        /// <returns>The pages; the first is returned even when it is empty, later empty pages are not.</returns>
        public virtual IAsyncEnumerable<CadenzaPage<T>> AsPages() =>
            _fetch is null
                ? throw new InvalidOperationException("This CadenzaPageable was made for mocking: override AsPages.")
                : PageWalk.Pages(_operation, _byOffset, _byCursor, _pageSize, _cancellationToken, _fetch);

        /// <inheritdoc />
        public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in page.Items)
                {
                    // A cancelled walk stops at once, not at the end of the page in hand.
                    cancellationToken.ThrowIfCancellationRequested();
                    _cancellationToken.ThrowIfCancellationRequested();
                    yield return item;
                }
            }
        }
    }
}
