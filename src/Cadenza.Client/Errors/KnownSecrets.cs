using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace Cadenza.Client
{
    /// <summary>
    /// The exact secret values the SDK holds right now (each session's tokens, a password during the call that
    /// sends it), so that text leaving the SDK can be masked even where no pattern would recognise a secret: an
    /// opaque refresh token quoted in an HTML error page, a password echoed in an error message. Process-wide,
    /// because an exception is built by whichever generated client failed, not by the session that holds the
    /// token; holders are referenced weakly, so a session that is never disposed leaks nothing here.
    /// </summary>
    internal static class KnownSecrets
    {
        private static readonly object Gate = new object();
        private static readonly List<WeakReference<SecretHolder>> Holders = new List<WeakReference<SecretHolder>>();

        /// <summary>A holder whose values are masked until it is disposed or collected.</summary>
        public static SecretHolder NewHolder()
        {
            var holder = new SecretHolder();
            lock (Gate)
            {
                Holders.RemoveAll(h => !h.TryGetTarget(out _));
                Holders.Add(new WeakReference<SecretHolder>(holder));
            }

            return holder;
        }

        /// <summary>Masks <paramref name="secret"/> until the result is disposed (a password, for the call that sends it).</summary>
        public static SecretHolder Hold(string? secret)
        {
            var holder = NewHolder();
            holder.Set(secret);
            return holder;
        }

        /// <summary>The text with every known secret value (also JSON- or URL-escaped) replaced by <see cref="Redaction.Mask"/>.</summary>
        public static string Mask(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

            foreach (var value in Snapshot())
            {
                if (text.IndexOf(value, StringComparison.Ordinal) >= 0)
                {
                    text = text.Replace(value, Redaction.Mask);
                }
            }

            return text;
        }

        internal static void Remove(SecretHolder holder)
        {
            lock (Gate)
            {
                Holders.RemoveAll(h => !h.TryGetTarget(out var target) || ReferenceEquals(target, holder));
            }
        }

        // Longest first, so a secret that contains another is masked whole.
        private static IEnumerable<string> Snapshot()
        {
            var values = new List<string>();
            lock (Gate)
            {
                foreach (var reference in Holders)
                {
                    if (reference.TryGetTarget(out var holder))
                    {
                        values.AddRange(holder.Forms);
                    }
                }
            }

            return values.Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length);
        }

        /// <summary>The secret values of one owner, with the forms in which they may appear in a response.</summary>
        internal sealed class SecretHolder : IDisposable
        {
            private volatile string[] _forms = Array.Empty<string>();

            public IReadOnlyList<string> Forms => _forms;

            public void Set(params string?[] secrets)
            {
                _forms = secrets.Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => FormsOf(s!)).Distinct(StringComparer.Ordinal).ToArray();
            }

            public void Dispose() => Remove(this);

            private static IEnumerable<string> FormsOf(string secret)
            {
                yield return secret;
                var quoted = JsonConvert.ToString(secret);
                yield return quoted.Substring(1, quoted.Length - 2);
                if (secret.Length < 32 * 1024)
                {
                    yield return Uri.EscapeDataString(secret);
                }
            }
        }
    }
}
