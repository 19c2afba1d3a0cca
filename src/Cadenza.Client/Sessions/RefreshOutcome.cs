using System.Runtime.ExceptionServices;

namespace Cadenza.Client
{
    /// <summary>
    /// How a refresh ended, as a value rather than a faulted task: a refresh that nobody waits for (a background
    /// one, or one whose callers all gave up) must not leave an exception unobserved.
    /// </summary>
    internal sealed class RefreshOutcome
    {
        private readonly TokenSet? _tokens;
        private readonly ExceptionDispatchInfo? _failure;

        private RefreshOutcome(TokenSet? tokens, AuthSession? data, ExceptionDispatchInfo? failure)
        {
            _tokens = tokens;
            Data = data;
            _failure = failure;
        }

        /// <summary>The server's answer, when this refresh was made by this session (not adopted from the store or another caller).</summary>
        public AuthSession? Data { get; }

        public static RefreshOutcome Succeeded(TokenSet tokens, AuthSession? data) => new RefreshOutcome(tokens, data, null);

        public static RefreshOutcome Failed(ExceptionDispatchInfo failure) => new RefreshOutcome(null, null, failure);

        /// <summary>The tokens to use now, or the failure thrown (each waiter gets the same exception, as with a shared faulted task).</summary>
        public TokenSet TokensOrThrow()
        {
            _failure?.Throw();
            return _tokens!;
        }
    }
}
