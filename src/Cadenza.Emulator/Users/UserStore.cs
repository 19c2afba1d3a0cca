using System.Text.Json;
using Cadenza.Emulator.Http;
using Cadenza.Emulator.Wire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cadenza.Emulator.Users;

/// <summary>The accounts, in memory. Passwords are kept only as salted PBKDF2 hashes (ASP.NET Core Identity's format).</summary>
internal sealed class UserStore
{
    private const string Role = "authenticated";

    // The emulator stands in for UAT, the spec's default server.
    private static readonly AuthUserAppMetadata AppMetadata = new(TenantId: null, Environments: ["uat"]);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Account> _byId = [];
    private readonly Dictionary<string, Account> _byEmail = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly PasswordHasher<Account> _hasher;
    private readonly string _decoyHash;

    public UserStore(TimeProvider time, int passwordHashIterations)
    {
        _time = time;
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = passwordHashIterations }));
        // Checked against when an address has no account, so that answer takes as long as a wrong password.
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
    }

    public AuthUser Create(string email, string password, IReadOnlyDictionary<string, JsonElement>? metadata, bool confirmed)
    {
        var hash = _hasher.HashPassword(null!, password);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_byEmail.ContainsKey(email))
            {
                throw ApiError.UserExists("User already registered");
            }

            // Without email confirmation (GoTrue's "autoconfirm"), sign-up confirms at once and signs in.
            var account = new Account(Guid.NewGuid(), email, hash, now) { EmailConfirmedAt = confirmed ? now : null, LastSignInAt = confirmed ? now : null };
            Merge(account.Metadata, metadata);
            _byId.Add(account.Id, account);
            _byEmail.Add(email, account);
            return account.ToWire();
        }
    }

    /// <summary>The user, with <c>lastSignInAt</c> updated, or null for an unknown address or a wrong password.</summary>
    public AuthUser? SignIn(string email, string password)
    {
        string hash;
        lock (_gate)
        {
            hash = _byEmail.TryGetValue(email, out var known) ? known.PasswordHash : _decoyHash;
        }

        // Hashing is slow on purpose: do it outside the lock so other requests are not held up.
        if (_hasher.VerifyHashedPassword(null!, hash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        lock (_gate)
        {
            // Compare the hash too: the password may have changed while it was being checked.
            if (!_byEmail.TryGetValue(email, out var account) || account.PasswordHash != hash)
            {
                return null;
            }

            account.LastSignInAt = _time.GetUtcNow();
            return account.ToWire();
        }
    }

    public AuthUser? Find(Guid id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var account) ? account.ToWire() : null;
        }
    }

    /// <summary>Applies the fields that were sent; metadata is merged key by key, and a null value removes its key (GoTrue's rule).</summary>
    public AuthUser Update(Guid id, string? email, string? password, IReadOnlyDictionary<string, JsonElement>? metadata)
    {
        var hash = password is null ? null : _hasher.HashPassword(null!, password);
        lock (_gate)
        {
            var account = _byId[id];
            if (email is not null && email != account.Email)
            {
                if (_byEmail.ContainsKey(email))
                {
                    throw ApiError.UserExists("A user with this email address has already been registered");
                }

                _byEmail.Remove(account.Email);
                _byEmail.Add(email, account);
                account.Email = email;
            }

            account.PasswordHash = hash ?? account.PasswordHash;
            Merge(account.Metadata, metadata);
            account.UpdatedAt = _time.GetUtcNow();
            return account.ToWire();
        }
    }

    private static void Merge(Dictionary<string, JsonElement> target, IReadOnlyDictionary<string, JsonElement>? changes)
    {
        if (changes is null)
        {
            return;
        }

        foreach (var (key, value) in changes)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    private sealed class Account(Guid id, string email, string passwordHash, DateTimeOffset createdAt)
    {
        public Guid Id { get; } = id;

        public string Email { get; set; } = email;

        public string PasswordHash { get; set; } = passwordHash;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset UpdatedAt { get; set; } = createdAt;

        public DateTimeOffset? LastSignInAt { get; set; }

        public DateTimeOffset? EmailConfirmedAt { get; init; }

        public Dictionary<string, JsonElement> Metadata { get; } = new(StringComparer.Ordinal);

        // A snapshot: what leaves the lock must not change under a response being written.
        public AuthUser ToWire() => new(
            Id, Email, Phone: null, EmailConfirmedAt, PhoneConfirmedAt: null, LastSignInAt, Role,
            CreatedAt, UpdatedAt, AppMetadata, new Dictionary<string, JsonElement>(Metadata), [EmailIdentity()]);

        // GoTrue's email identity: its id is the user id, its data the address (and whether it is verified).
        private AuthUserIdentity EmailIdentity() => new(
            Id.ToString(), Id,
            new Dictionary<string, JsonElement>
            {
                ["email"] = JsonSerializer.SerializeToElement(Email),
                ["sub"] = JsonSerializer.SerializeToElement(Id.ToString()),
                ["email_verified"] = JsonSerializer.SerializeToElement(EmailConfirmedAt is not null),
            },
            "email", LastSignInAt, CreatedAt, UpdatedAt);
    }
}
