using System.Security.Cryptography;

namespace Tracker.Modules.Identity.Auth;

/// <summary>Passwords the host makes up (first administrator, reset): shown once to an operator.</summary>
internal static class RandomPassword
{
    /// <summary>18 random bytes (144 bits) in URL-safe Base64: 24 characters that survive any terminal.</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
