using System;

namespace Cadenza.Client
{
    /// <summary>
    /// The session has no usable tokens: it was never signed in, was logged out, or the server rejected its
    /// refresh token. Log in again.
    /// </summary>
    public class CadenzaSessionExpiredException : CadenzaApiException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">A one-line description, free of secrets.</param>
        /// <param name="innerException">The rejected refresh, if that is what ended the session.</param>
        public CadenzaSessionExpiredException(string message, Exception? innerException = null)
            : base(message, (innerException as CadenzaApiException)?.StatusCode ?? 0, innerException)
        {
        }
    }
}
