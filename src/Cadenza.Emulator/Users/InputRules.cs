using System.Text.RegularExpressions;
using Cadenza.Emulator.Http;

namespace Cadenza.Emulator.Users;

/// <summary>The spec's constraints on request fields: <c>format: email</c> and <c>minLength: 8</c> for new passwords.</summary>
internal static partial class InputRules
{
    public const int MinimumPasswordLength = 8;

    /// <summary>A required field that any non-null string satisfies.</summary>
    public static string Required(string? value, string field) =>
        value ?? throw ApiError.Validation($"{field} is required");

    /// <summary>A well-formed address, lower-cased as GoTrue stores it (so lookups ignore case).</summary>
    public static string Email(string? value)
    {
        var email = Required(value, "email");
        if (email.Length > 254 || !EmailPattern().IsMatch(email))
        {
            throw ApiError.Validation("Unable to validate email address: invalid format");
        }

        return email.ToLowerInvariant();
    }

    /// <summary>A password being set (sign-up, update user); logging in checks only that one was sent.</summary>
    public static string NewPassword(string? value)
    {
        var password = Required(value, "password");
        // minLength in JSON Schema counts code points, not UTF-16 units.
        if (password.EnumerateRunes().Count() < MinimumPasswordLength)
        {
            throw ApiError.Validation($"Password should be at least {MinimumPasswordLength} characters");
        }

        return password;
    }

    // RFC 5322 dot-atom local part, dotted host name: the same reading of `format: email` as the contract tests'
    // validator, so an address the emulator accepts is one it can also return.
    [GeneratedRegex(
        @"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
