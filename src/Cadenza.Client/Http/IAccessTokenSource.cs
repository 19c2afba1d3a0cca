using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>What <see cref="CadenzaAuthenticationHandler"/> needs from a session: a token to send, and a newer one after a 401.</summary>
    internal interface IAccessTokenSource
    {
        /// <summary>The token to send now; a completed task whenever no refresh has to be waited for.</summary>
        Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

        /// <summary>After a 401 for <paramref name="rejectedToken"/>: a newer token, refreshing unless someone already did.</summary>
        Task<string> RenewRejectedTokenAsync(string rejectedToken, CancellationToken cancellationToken);
    }
}
