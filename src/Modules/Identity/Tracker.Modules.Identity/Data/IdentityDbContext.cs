using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Data;

internal abstract class IdentityDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "identity";

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override string Schema => SchemaName;
}

// One derived context per provider, each with its own migration set (see Data/Migrations/<Provider>).
internal sealed class IdentitySqliteDbContext(DbContextOptions<IdentitySqliteDbContext> options) : IdentityDbContext(options);

internal sealed class IdentityPostgreSqlDbContext(DbContextOptions<IdentityPostgreSqlDbContext> options) : IdentityDbContext(options);

internal sealed class IdentitySqlServerDbContext(DbContextOptions<IdentitySqlServerDbContext> options) : IdentityDbContext(options);

internal sealed class IdentitySqliteDesignTimeFactory() : ModuleDesignTimeFactory<IdentitySqliteDbContext>(DatabaseProvider.Sqlite, IdentityDbContext.SchemaName);

internal sealed class IdentityPostgreSqlDesignTimeFactory() : ModuleDesignTimeFactory<IdentityPostgreSqlDbContext>(DatabaseProvider.PostgreSQL, IdentityDbContext.SchemaName);

internal sealed class IdentitySqlServerDesignTimeFactory() : ModuleDesignTimeFactory<IdentitySqlServerDbContext>(DatabaseProvider.SqlServer, IdentityDbContext.SchemaName);

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Username).HasMaxLength(User.UsernameMaxLength);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(User.UsernameMaxLength);
        builder.HasIndex(u => u.NormalizedUsername).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        builder.ToTable(t => t.HasCheckConstraint("ck_users_role", "role IN ('admin', 'manager', 'planner', 'worker')"));
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
