using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tracker.BuildingBlocks.Persistence;

namespace Tracker.Modules.Identity.Auth;

/// <summary>
/// The key access tokens are signed with: from configuration, or generated on first start and kept in the data
/// directory (owner-only) so that tokens survive a restart. It never lives in the repository.
/// </summary>
internal sealed class SigningKeyProvider
{
    private const int MinimumKeyBytes = 32;

    public SigningKeyProvider(IOptions<IdentityOptions> options, IOptions<DatabaseOptions> database, ILogger<SigningKeyProvider> logger)
    {
        var configured = options.Value.SigningKey;
        var bytes = string.IsNullOrWhiteSpace(configured)
            ? LoadOrCreate(Path.Combine(database.Value.DataDirectory, "keys", "jwt-signing.key"), logger)
            : Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Identity:SigningKey must be at least {MinimumKeyBytes} bytes long.");
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(64);

        // Written completely to a private temporary file, then moved into place in one step: another instance
        // starting at the same moment, or a crash mid-write, never leaves a partial key behind.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it a moment ago; use theirs.
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        logger.LogInformation("Generated a new token signing key at {Path}", path);
        return key;
    }
}
