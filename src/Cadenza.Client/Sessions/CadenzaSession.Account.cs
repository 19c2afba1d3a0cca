using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <content>What a user does with their account: each call unwraps the envelope and keeps the session's state in step.</content>
    public partial class CadenzaSession
    {
        /// <summary>
        /// Creates an account. When the server answers with a session (tokens and user, as Cadenza does since 2026-02-26
        /// unless email confirmation is on), the session is signed in and raises <see cref="CadenzaSessionChange.SignedIn"/>;
        /// otherwise only the new user comes back and the session stays as it was.
        /// </summary>
        /// <param name="email">The email address.</param>
        /// <param name="password">The password (the server requires at least 8 characters).</param>
        /// <param name="metadata">Optional user metadata.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The new user, and the session when the server signed it in.</returns>
        public virtual async Task<CadenzaSignUpResult> SignUpAsync(string email, string password, IDictionary<string, object>? metadata = null, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            RequireText(password, nameof(password));
            AuthSession data;
            using (KnownSecrets.Hold(password))
            {
                var response = await ThrowIfDisposed().Authentication
                    .AuthSignupAsync(new AuthSignupRequest { Email = email, Password = password, Metadata = metadata }, cancellationToken).ConfigureAwait(false);
                data = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the sign-up response has no data");
            }

            // With email confirmation on there are no tokens, just the user (nested, or as the data itself).
            var user = data.User ?? SignUpUser.FromUntypedData(data) ?? throw CadenzaApiException.IncompleteSuccess("the sign-up response has no user");
            if (string.IsNullOrEmpty(data.AccessToken))
            {
                return new CadenzaSignUpResult(user, session: null);
            }

            await SignInAsync(data).ConfigureAwait(false);
            return new CadenzaSignUpResult(user, data);
        }

        /// <summary>Logs in with email and password and keeps the tokens.</summary>
        /// <param name="email">The email address.</param>
        /// <param name="password">The password.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The new session (tokens, expiry, user).</returns>
        public virtual async Task<AuthSession> LoginAsync(string email, string password, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            RequireText(password, nameof(password));
            AuthSession? data;
            using (KnownSecrets.Hold(password))
            {
                var response = await ThrowIfDisposed().Authentication
                    .AuthLoginAsync(new AuthLoginRequest { Email = email, Password = password }, cancellationToken).ConfigureAwait(false);
                data = response.Data;
            }

            await SignInAsync(data).ConfigureAwait(false);
            return data!;
        }

        private Task SignInAsync(AuthSession? data)
        {
            var next = TokenSet.FromResponse(data, previous: null, _expiry, _time.GetUtcNow(), BaseAddress, out var expiry);
            return _lifecycle.SignedInAsync(next, expiry);
        }

        /// <summary>Gets the signed-in user from the server.</summary>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The user.</returns>
        public virtual async Task<AuthUser> GetUserAsync(CancellationToken cancellationToken = default)
        {
            var response = await ThrowIfDisposed().Authentication.AuthGetUserAsync(cancellationToken).ConfigureAwait(false);
            var user = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the response has no user");
            _tokens.UserSeen(user);
            return user;
        }

        /// <summary>Updates the signed-in user's email, password or metadata.</summary>
        /// <param name="update">What to change; unset fields stay as they are.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The updated user.</returns>
        public virtual async Task<AuthUser> UpdateUserAsync(AuthUpdateUserRequest update, CancellationToken cancellationToken = default)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            AuthUser user;
            using (KnownSecrets.Hold(update.Password))
            {
                var response = await ThrowIfDisposed().Authentication.AuthUpdateUserAsync(update, cancellationToken).ConfigureAwait(false);
                user = response.Data ?? throw CadenzaApiException.IncompleteSuccess("the response has no user");
            }

            return await _lifecycle.UserUpdatedAsync(user).ConfigureAwait(false);
        }

        /// <summary>Asks the server to send a password-recovery email.</summary>
        /// <param name="email">The email address.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The server's acknowledgement (e.g. "ok").</returns>
        public virtual async Task<string?> RecoverAsync(string email, CancellationToken cancellationToken = default)
        {
            RequireText(email, nameof(email));
            var response = await ThrowIfDisposed().Authentication
                .AuthRecoverAsync(new AuthRecoverRequest { Email = email }, cancellationToken).ConfigureAwait(false);
            return response.Data;
        }

        /// <summary>
        /// Logs out: asks the server to end the session, then clears the tokens here and in the store, even when
        /// the server call fails (that failure is then thrown, after the local session is gone).
        /// </summary>
        /// <param name="cancellationToken">Cancels the server call; the local session is cleared regardless.</param>
        /// <returns>A task that completes when the session is signed out.</returns>
        public virtual async Task LogoutAsync(CancellationToken cancellationToken = default)
        {
            await ThrowIfDisposed()._persistence.EnsureRestoredAsync(cancellationToken).ConfigureAwait(false);
            ExceptionDispatchInfo? failure = null;
            if (_tokens.Current != null)
            {
                try
                {
                    await Authentication.AuthLogoutAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CadenzaSessionExpiredException)
                {
                    // The refresh token was already rejected: there is no server session left to end.
                }
                catch (CadenzaApiException ex) when (ex.StatusCode == 401)
                {
                    // The server no longer knows the token: the outcome is the same as a logout.
                }
                catch (Exception ex)
                {
                    SessionLog.LogoutFailed(_logger, ex);
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            }

            await _lifecycle.EndAsync(basis: null, SessionEndReason.Logout).ConfigureAwait(false);
            failure?.Throw();
        }

        private static void RequireText(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"The {name} is required.", name);
            }
        }
    }
}
