using System;
using System.Net;

namespace Cadenza.Client
{
    /// <summary>Plain HTTP is allowed to loopback only: anywhere else it would expose tokens and passwords.</summary>
    internal static class InsecureTransport
    {
        public static bool IsInsecure(Uri uri) =>
            uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri);

        public static string Refusal(Uri uri) =>
            $"Refusing to send Cadenza credentials over plain HTTP to {uri.Host}: use https:// (or set CadenzaSessionOptions.AllowInsecureHttp for a test rig).";

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
    }
}
