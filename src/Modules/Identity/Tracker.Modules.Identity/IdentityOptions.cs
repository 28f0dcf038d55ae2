using System.ComponentModel.DataAnnotations;
using Tracker.BuildingBlocks.Modules;

namespace Tracker.Modules.Identity;

/// <summary>The <c>Identity</c> configuration section.</summary>
internal sealed class IdentityOptions : IModuleOptions
{
    public static string Section => "Identity";

    public string Issuer { get; set; } = "tracker";

    public string Audience { get; set; } = "tracker";

    /// <summary>HMAC key for access tokens (at least 32 bytes). When empty, one is generated into the data directory.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:10", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public bool AllowSelfRegistration { get; set; }

    /// <summary>Password of the <c>admin</c> account created on first start; random (printed once) when empty.</summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>Failed logins for one username from one address before further attempts are refused.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>
    /// Failed logins from one address, whatever the usernames, before further attempts from it are refused
    /// (password spraying). Several people behind one NAT share an address, hence higher than the per-account limit.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxFailedLoginsPerAddress { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LoginLockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a user's active flag and security stamp may be served from memory.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
