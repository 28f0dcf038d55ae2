using Tracker.Modules.Identity.Domain;

namespace Tracker.UnitTests.Identity;

public sealed class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private static (RefreshToken Token, string Secret) Issue() => RefreshToken.Issue(Guid.NewGuid(), Guid.NewGuid(), Now, Lifetime);

    [Fact]
    public void The_hash_is_the_upper_case_hex_sha256_of_the_utf8_secret()
    {
        // The SHA-256 test vector for "abc" (FIPS 180-2).
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", RefreshToken.Hash("abc"));
    }

    [Fact]
    public void Hashing_is_case_sensitive_on_the_secret()
    {
        Assert.NotEqual(RefreshToken.Hash("abc"), RefreshToken.Hash("ABC"));
    }

    [Fact]
    public void Only_the_hash_of_the_secret_is_stored()
    {
        var (token, secret) = Issue();

        Assert.Equal(RefreshToken.Hash(secret), token.TokenHash);
        Assert.DoesNotContain(secret, token.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_is_256_random_bits_in_url_safe_base64_without_padding()
    {
        var (_, secret) = Issue();

        Assert.Equal(43, secret.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
    }

    [Fact]
    public void Every_issued_secret_is_different()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => Issue().Secret).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, secrets.Count);
    }

    [Fact]
    public void An_issued_token_belongs_to_its_user_and_family_and_expires_after_its_lifetime()
    {
        var userId = Guid.NewGuid();
        var familyId = Guid.NewGuid();

        var (token, _) = RefreshToken.Issue(userId, familyId, Now, Lifetime);

        Assert.Equal(userId, token.UserId);
        Assert.Equal(familyId, token.FamilyId);
        Assert.Equal(Now, token.CreatedAt);
        Assert.Equal(Now + Lifetime, token.ExpiresAt);
        Assert.Null(token.RevokedAt);
        Assert.Equal(7, token.Id.Version);
    }

    [Fact]
    public void A_token_is_usable_until_just_before_it_expires()
    {
        var (token, _) = Issue();

        Assert.True(token.IsUsable(Now));
        Assert.True(token.IsUsable(Now + Lifetime - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_token_is_not_usable_at_or_after_its_expiry()
    {
        var (token, _) = Issue();

        Assert.False(token.IsUsable(Now + Lifetime));
        Assert.False(token.IsUsable(Now + Lifetime + TimeSpan.FromSeconds(1)));
    }
}
