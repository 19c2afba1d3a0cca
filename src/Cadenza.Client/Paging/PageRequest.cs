namespace Cadenza.Client
{
    /// <summary>What the page walk asks the generated list method for: its <c>limit</c>, <c>offset</c> and <c>cursor</c>.</summary>
    internal sealed class PageRequest
    {
        public PageRequest(int? limit, int? offset, string? cursor)
        {
            Limit = limit;
            Offset = offset;
            Cursor = cursor;
        }

        public int? Limit { get; }

        public int? Offset { get; }

        public string? Cursor { get; }
    }
}
