using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;

namespace Cadenza.Cli
{
    /// <summary>Where the CLI connects and keeps its session: command-line option, else environment variable, else default.</summary>
    internal sealed class CliSettings
    {
        public const string BaseUrlVariable = "CADENZA_BASE_URL";
        public const string SessionFileVariable = "CADENZA_SESSION_FILE";
        public const string PasswordVariable = "CADENZA_PASSWORD";
        public const string DebugVariable = "CADENZA_DEBUG";
        public const string DefaultBaseUrl = "https://cadenza-api-uat.algo724.com/";
        public const string DefaultSessionFileDescription = "$XDG_CONFIG_HOME/cadenza/session.json, ~/.config/cadenza/session.json, or %APPDATA%\\cadenza\\session.json on Windows";

        private CliSettings(Uri baseAddress, string sessionFile)
        {
            BaseAddress = baseAddress;
            SessionFile = sessionFile;
        }

        public Uri BaseAddress { get; }

        public string SessionFile { get; }

        public static CliSettings Resolve(string? baseUrlOption, string? sessionFileOption, IDictionary<string, string?> environment)
        {
            var baseAddress = ParseBaseUrl(baseUrlOption, environment);
            var sessionFile = NonEmpty(sessionFileOption) ?? Variable(environment, SessionFileVariable) ?? DefaultSessionFile(environment);
            return new CliSettings(baseAddress, sessionFile);
        }

        public static string? Variable(IDictionary<string, string?> environment, string name) =>
            environment.TryGetValue(name, out var value) ? NonEmpty(value) : null;

        public static bool IsDebug(IDictionary<string, string?> environment) =>
            Variable(environment, DebugVariable) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

        // Per-user configuration folders: XDG on Unix (with its documented fallback), roaming AppData on Windows.
        public static string DefaultSessionFile(IDictionary<string, string?> environment)
        {
            string folder;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                folder = Variable(environment, "APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            }
            else if (Variable(environment, "XDG_CONFIG_HOME") is { } xdg && Path.IsPathRooted(xdg))
            {
                folder = xdg; // the XDG spec says to ignore a relative value
            }
            else
            {
                var home = Variable(environment, "HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                folder = Path.Combine(home, ".config");
            }

            return Path.Combine(folder, "cadenza", "session.json");
        }

        private static Uri ParseBaseUrl(string? option, IDictionary<string, string?> environment)
        {
            var (text, source) = NonEmpty(option) is { } fromOption ? (fromOption, "--base-url")
                : Variable(environment, BaseUrlVariable) is { } fromVariable ? (fromVariable, BaseUrlVariable)
                : (DefaultBaseUrl, "the default base URL");

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new UsageException($"{source} must be an absolute http(s) URL, not '{text}'.");
            }

            // The session refuses this too; saying it here makes it a usage error rather than a failed call.
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new UsageException($"{source}: refusing to send credentials over plain HTTP to {uri.Host}; use https://.");
            }

            return uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
