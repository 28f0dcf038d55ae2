using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.__Name__.Domain;

namespace Tracker.Modules.__Name__.Data;

internal abstract class __Name__DbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "__name__";

    public DbSet<__Entity__> __Entities__ => Set<__Entity__>();

    protected override string Schema => SchemaName;
}

// One derived context per provider, each with its own migration set (see Data/Migrations/<Provider>).
internal sealed class __Name__SqliteDbContext(DbContextOptions<__Name__SqliteDbContext> options) : __Name__DbContext(options);

internal sealed class __Name__PostgreSqlDbContext(DbContextOptions<__Name__PostgreSqlDbContext> options) : __Name__DbContext(options);

internal sealed class __Name__SqlServerDbContext(DbContextOptions<__Name__SqlServerDbContext> options) : __Name__DbContext(options);

internal sealed class __Name__SqliteDesignTimeFactory() : ModuleDesignTimeFactory<__Name__SqliteDbContext>(DatabaseProvider.Sqlite, __Name__DbContext.SchemaName);

internal sealed class __Name__PostgreSqlDesignTimeFactory() : ModuleDesignTimeFactory<__Name__PostgreSqlDbContext>(DatabaseProvider.PostgreSQL, __Name__DbContext.SchemaName);

internal sealed class __Name__SqlServerDesignTimeFactory() : ModuleDesignTimeFactory<__Name__SqlServerDbContext>(DatabaseProvider.SqlServer, __Name__DbContext.SchemaName);

internal sealed class __Entity__Configuration : IEntityTypeConfiguration<__Entity__>
{
    public void Configure(EntityTypeBuilder<__Entity__> builder)
    {
        builder.ToTable("__entities_table__", t => t.HasCheckConstraint("ck___entities_table___name", "name <> ''"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(__Entity__.NameMaxLength);
    }
}
