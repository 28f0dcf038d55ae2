using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Data;

internal abstract class MiniaturesDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "miniatures";

    public DbSet<MiniatureType> Types => Set<MiniatureType>();

    public DbSet<StageCount> StageCounts => Set<StageCount>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    protected override string Schema => SchemaName;
}

// One derived context per provider, each with its own migration set (see Data/Migrations/<Provider>).
internal sealed class MiniaturesSqliteDbContext(DbContextOptions<MiniaturesSqliteDbContext> options) : MiniaturesDbContext(options);

internal sealed class MiniaturesPostgreSqlDbContext(DbContextOptions<MiniaturesPostgreSqlDbContext> options) : MiniaturesDbContext(options);

internal sealed class MiniaturesSqlServerDbContext(DbContextOptions<MiniaturesSqlServerDbContext> options) : MiniaturesDbContext(options);

internal sealed class MiniaturesSqliteDesignTimeFactory() : ModuleDesignTimeFactory<MiniaturesSqliteDbContext>(DatabaseProvider.Sqlite, MiniaturesDbContext.SchemaName);

internal sealed class MiniaturesPostgreSqlDesignTimeFactory() : ModuleDesignTimeFactory<MiniaturesPostgreSqlDbContext>(DatabaseProvider.PostgreSQL, MiniaturesDbContext.SchemaName);

internal sealed class MiniaturesSqlServerDesignTimeFactory() : ModuleDesignTimeFactory<MiniaturesSqlServerDbContext>(DatabaseProvider.SqlServer, MiniaturesDbContext.SchemaName);

internal sealed class MiniatureTypeConfiguration : IEntityTypeConfiguration<MiniatureType>
{
    public void Configure(EntityTypeBuilder<MiniatureType> builder)
    {
        builder.ToTable("miniature_types");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(MiniatureType.NameMaxLength);
        builder.Property(t => t.NormalizedName).HasMaxLength(MiniatureType.NameMaxLength);

        // A rename saves with the version it read in its WHERE (a concurrent change makes it affect no row).
        builder.Property(t => t.Version).IsConcurrencyToken().HasDefaultValue(MiniatureType.FirstVersion);
        builder.HasIndex(t => t.NormalizedName).IsUnique();
        builder.HasMany(t => t.Counts).WithOne().HasForeignKey(c => c.TypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<HistoryEntry>().WithOne().HasForeignKey(h => h.TypeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageCountConfiguration : IEntityTypeConfiguration<StageCount>
{
    public void Configure(EntityTypeBuilder<StageCount> builder)
    {
        // The key makes (type, stage) unique: one counter per stage, never two.
        builder.ToTable("stage_counts", t =>
        {
            t.HasCheckConstraint("ck_stage_counts_count", "count >= 0");
            t.HasCheckConstraint("ck_stage_counts_stage", "stage BETWEEN 0 AND 4");
        });
        builder.HasKey(c => new { c.TypeId, c.Stage });
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> builder)
    {
        builder.ToTable("history_entries", t =>
        {
            t.HasCheckConstraint("ck_history_entries_qty", "qty > 0");
            t.HasCheckConstraint("ck_history_entries_forward", "from_stage IS NULL OR from_stage < to_stage");
        });
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedOnAdd();
        builder.HasIndex(h => new { h.TypeId, h.CreatedAt, h.Id });
        builder.HasIndex(h => new { h.CreatedAt, h.Id });
    }
}
