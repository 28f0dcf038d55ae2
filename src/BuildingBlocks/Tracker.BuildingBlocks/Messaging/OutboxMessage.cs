using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tracker.BuildingBlocks.Messaging;

/// <summary>
/// An integration event waiting in its publisher's outbox. <see cref="NextAttemptAt"/> is both the retry schedule
/// and the claim lease: a dispatcher that claims a row pushes it forward, so a crashed dispatcher's rows come back.
/// </summary>
/// <remarks>Public only so that modules' generated EF models can name it; module code never uses it (architecture tests).</remarks>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string Type { get; set; }

    public required string Payload { get; set; }

    public DateTime OccurredAt { get; set; }

    public string? TraceParent { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public DateTime? ParkedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A subscriber's record that it has handled an event: redelivery of the same event id is ignored.</summary>
/// <remarks>Public only so that modules' generated EF models can name it; module code never uses it (architecture tests).</remarks>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }

    public required string Consumer { get; set; }

    public DateTime ProcessedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(300);
        builder.Property(m => m.TraceParent).HasMaxLength(128);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => new { m.ProcessedAt, m.ParkedAt, m.NextAttemptAt });
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.EventId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(300);
    }
}
