namespace Cadenza.Client.Generators
{
    /// <summary>
    /// THE paging rule: an operation gets page-walking methods when it is a GET whose query parameters include
    /// <c>limit</c> and <c>offset</c> and/or <c>cursor</c>, and whose 200 response's <c>data</c> is an array. It pages by
    /// cursor while the server hands one back (when it takes <c>cursor</c>), else by offset (when it takes <c>offset</c>).
    /// Left out, by this rule: lists with no page parameters (they return everything) and <c>limit</c>-only calls such
    /// as klines, whose <c>data</c> is one object and which page by time, not by position.
    /// </summary>
    internal static class PagingRule
    {
        public static PagingDecision? Classify(SpecOperation operation)
        {
            var offset = operation.HasQuery("offset");
            var cursor = operation.HasQuery("cursor");
            if (operation.Method != "GET" || !operation.HasQuery("limit") || !(offset || cursor) || !operation.SuccessDataIsArray)
            {
                return null;
            }

            return new PagingDecision(offset, cursor);
        }

        /// <summary>
        /// The page-walking method's name: the operation's method name with its first "List" made "ListAll"
        /// (<c>ListTradeOrdersAsync</c> → <c>ListAllTradeOrdersAsync</c>, <c>FermataListDealersAsync</c> →
        /// <c>FermataListAllDealersAsync</c>), or "All" before "Async" when it has no "List".
        /// </summary>
        public static string WalkerName(string methodName)
        {
            var list = methodName.IndexOf("List", System.StringComparison.Ordinal);
            if (list >= 0)
            {
                return methodName.Substring(0, list) + "ListAll" + methodName.Substring(list + 4);
            }

            var stem = methodName.EndsWith("Async", System.StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - 5) : methodName;
            return stem + "AllAsync";
        }
    }

    internal sealed class PagingDecision
    {
        public PagingDecision(bool byOffset, bool byCursor)
        {
            ByOffset = byOffset;
            ByCursor = byCursor;
        }

        public bool ByOffset { get; }

        public bool ByCursor { get; }
    }
}
