using System;
using System.Collections.Generic;

namespace Cadenza.Client
{
    /// <summary>A <see cref="CadenzaApiException"/> whose body was parsed into the type the spec declares for that status.</summary>
    /// <typeparam name="TResult">The declared body type.</typeparam>
    public class CadenzaApiException<TResult> : CadenzaApiException
    {
        /// <summary>Creates the exception the generated clients throw for a declared error status.</summary>
        /// <param name="message">What the generated client was doing.</param>
        /// <param name="statusCode">The HTTP status code.</param>
        /// <param name="response">The response body, if it was read.</param>
        /// <param name="headers">The response headers.</param>
        /// <param name="result">The parsed body.</param>
        /// <param name="innerException">The cause, if any.</param>
        public CadenzaApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>>? headers, TResult result, Exception? innerException)
            : base(FailedResponse.Describe(statusCode, response, headers, innerException, result as BaseResponse))
        {
            Result = result;
        }

        /// <summary>The parsed body.</summary>
        public TResult Result { get; }
    }
}
