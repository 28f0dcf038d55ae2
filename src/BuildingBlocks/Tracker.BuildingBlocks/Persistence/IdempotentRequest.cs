using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// One Idempotency-Key of one user in a module's own database: first a reservation (no <see cref="CompletedAt"/>)
/// held by the attempt named <see cref="Owner"/> until <see cref="LockedUntil"/>, then the stored answer that retries
/// receive until <see cref="ExpiresAt"/>. See <c>Http/Idempotency/IdempotentRequests</c>.
/// </summary>
/// <remarks>Public only so that modules' generated EF models can name it; module code never uses it (architecture tests).</remarks>
public sealed class IdempotentRequest
{
    public const int KeyMaxLength = 255;

    public Guid UserId { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the method, path, query and body: the same key with another request is refused.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The attempt that holds the reservation; a retry may take it over only after <see cref="LockedUntil"/>.</summary>
    public Guid Owner { get; set; }

    public DateTime LockedUntil { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The answer's headers that matter to a client (Content-Type, Location, ETag) as a JSON object.</summary>
    public string? ResponseHeaders { get; set; }

    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.ToTable("idempotent_requests");
        builder.HasKey(r => new { r.UserId, r.IdempotencyKey });
        builder.Property(r => r.IdempotencyKey).HasMaxLength(IdempotentRequest.KeyMaxLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.Property(r => r.ResponseHeaders).HasMaxLength(4000);
        builder.HasIndex(r => r.ExpiresAt);
    }
}

/// <summary>
/// A module's DbContext type, registered once per module: mechanisms that act for an endpoint (idempotency) find
/// the database of the module whose assembly declares the endpoint, and background work visits every module.
/// </summary>
internal sealed record ModuleDbContextType(Type ContextType);
