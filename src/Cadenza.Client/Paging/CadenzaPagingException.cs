namespace Cadenza.Client
{
    /// <summary>
    /// A list walk stopped because the server's answers would have made it go on forever: it returned the cursor of an
    /// earlier page again, answered for another offset than the one asked for, or sent the same page twice (it ignores
    /// <c>offset</c>). The pages already returned are real; those after them were never requested.
    /// </summary>
    public sealed class CadenzaPagingException : CadenzaApiException
    {
        internal CadenzaPagingException(string message)
            : base(message, 200, null)
        {
        }
    }
}
