using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Data;

internal abstract class ProjectsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "projects";

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ProjectManager> Managers => Set<ProjectManager>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Step> Steps => Set<Step>();

    public DbSet<Subtask> Subtasks => Set<Subtask>();

    public DbSet<KeptProgress> KeptProgress => Set<KeptProgress>();

    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<Characteristic> Characteristics => Set<Characteristic>();

    public DbSet<StepComment> StepComments => Set<StepComment>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Release> Releases => Set<Release>();

    protected override string Schema => SchemaName;

    /// <summary>
    /// Projects' in-progress coefficients this unit of work has read: a save that moves their kept progress tries
    /// them first instead of reading them again (<see cref="KeptProgressWrites.MoveProgressAsync"/>).
    /// </summary>
    public Dictionary<Guid, decimal> CoefficientsRead { get; } = [];

    /// <summary>
    /// Saves, and keeps the progress of the projects whose steps or coefficient the save changes, in the same
    /// transaction (the caller's, or one of its own).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once here, not again by each look at the entries and by the save itself.
        ChangeTracker.DetectChanges();
        var detectsChanges = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var recounted = KeptProgressWrites.NewCoefficientsOf(ChangeTracker);
            var moves = KeptProgressWrites.StepChangesOf(ChangeTracker).Where(c => !recounted.Contains(c.ProjectId)).ToList();
            if (recounted.Count == 0 && moves.Count == 0)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            // The entries stay as they were until the moves are made too: were those to fail, the tracker would not
            // hold as saved what was rolled back.
            await using var transaction = await Database.BeginOrJoinTransactionAsync(cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await this.RecountProgressAsync(recounted, cancellationToken);
            await this.MoveProgressAsync(moves, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return written;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detectsChanges;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("The Projects module saves asynchronously: its saves keep project progress with queries of their own.");
}

// One derived context per provider, each with its own migration set (see Data/Migrations/<Provider>).
internal sealed class ProjectsSqliteDbContext(DbContextOptions<ProjectsSqliteDbContext> options) : ProjectsDbContext(options);

internal sealed class ProjectsPostgreSqlDbContext(DbContextOptions<ProjectsPostgreSqlDbContext> options) : ProjectsDbContext(options);

internal sealed class ProjectsSqlServerDbContext(DbContextOptions<ProjectsSqlServerDbContext> options) : ProjectsDbContext(options);

internal sealed class ProjectsSqliteDesignTimeFactory() : ModuleDesignTimeFactory<ProjectsSqliteDbContext>(DatabaseProvider.Sqlite, ProjectsDbContext.SchemaName);

internal sealed class ProjectsPostgreSqlDesignTimeFactory() : ModuleDesignTimeFactory<ProjectsPostgreSqlDbContext>(DatabaseProvider.PostgreSQL, ProjectsDbContext.SchemaName);

internal sealed class ProjectsSqlServerDesignTimeFactory() : ModuleDesignTimeFactory<ProjectsSqlServerDbContext>(DatabaseProvider.SqlServer, ProjectsDbContext.SchemaName);

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories", t => t.HasCheckConstraint("ck_categories_name", "name <> ''"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Category.NameMaxLength);
        builder.Property(c => c.NormalizedName).HasMaxLength(Category.NameMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Category.DescriptionMaxLength);
        builder.Property(c => c.Color).HasMaxLength(7);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.NormalizedName).IsUnique();
        builder.HasIndex(c => new { c.SortOrder, c.NormalizedName });
    }
}

internal sealed class ProjectManagerConfiguration : IEntityTypeConfiguration<ProjectManager>
{
    public void Configure(EntityTypeBuilder<ProjectManager> builder)
    {
        builder.ToTable("managers", t => t.HasCheckConstraint("ck_managers_name", "name <> ''"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(ProjectManager.NameMaxLength);
        builder.Property(m => m.Email).HasMaxLength(ProjectManager.EmailMaxLength);
        builder.Property(m => m.Phone).HasMaxLength(ProjectManager.PhoneMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Name, m.Id });
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects", t =>
        {
            t.HasCheckConstraint("ck_projects_code", "code <> ''");
            t.HasCheckConstraint("ck_projects_name", "name <> ''");
            t.HasCheckConstraint("ck_projects_status", "status BETWEEN 0 AND 1");
            // SQLite keeps decimals as text, which compares with a number as text: CAST makes the checks numeric everywhere.
            t.HasCheckConstraint("ck_projects_coefficient", "CAST(in_progress_coefficient AS REAL) BETWEEN 0 AND 1");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(Project.CodeMaxLength);
        builder.Property(p => p.NormalizedCode).HasMaxLength(Project.CodeMaxLength);
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.DescriptionMaxLength);
        builder.Property(p => p.PlannedBudget).HasPrecision(18, 2);
        builder.Property(p => p.ContractPrice).HasPrecision(18, 2);
        builder.Property(p => p.InProgressCoefficient).HasPrecision(5, 4);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.NormalizedCode).IsUnique();
        builder.HasIndex(p => new { p.CategoryId, p.NormalizedCode });
        builder.HasIndex(p => p.ManagerId);
        // A category with projects cannot be deleted; a manager is deactivated, never deleted while referenced.
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProjectManager>().WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.Restrict);
        // The key keeps a cover from pointing at a deleted file. No action on delete: the project's own files
        // cascade from it, and SQL Server allows no cycle of cascades; deleting a file clears the cover first.
        builder.HasIndex(p => p.CoverAttachmentId);
        builder.HasOne<Attachment>().WithMany().HasForeignKey(p => p.CoverAttachmentId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class KeptProgressConfiguration : IEntityTypeConfiguration<KeptProgress>
{
    public void Configure(EntityTypeBuilder<KeptProgress> builder)
    {
        builder.ToTable("project_progress", t => t.HasCheckConstraint(
            "ck_project_progress_sums",
            $"step_count >= 0 AND weight_units >= 0 AND weighted_units >= 0 AND weighted_units <= weight_units * {Progress.ProgressScale}"));
        builder.HasKey(k => k.ProjectId);
        builder.Property(k => k.ProjectId).ValueGeneratedNever();
        builder.Property(k => k.CountedAt).HasPrecision(5, 4);
        builder.Ignore(k => k.Progress);
        builder.HasOne<Project>().WithOne().HasForeignKey<KeptProgress>(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StepConfiguration : IEntityTypeConfiguration<Step>
{
    public void Configure(EntityTypeBuilder<Step> builder)
    {
        builder.ToTable("steps", t =>
        {
            t.HasCheckConstraint("ck_steps_name", "name <> ''");
            t.HasCheckConstraint("ck_steps_status", "status BETWEEN 0 AND 3");
            t.HasCheckConstraint("ck_steps_weight", "CAST(weight AS REAL) > 0");
            t.HasCheckConstraint("ck_steps_position", "position >= 0");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Work.NameMaxLength);
        builder.Property(s => s.Description).HasMaxLength(Work.DescriptionMaxLength);
        builder.Property(s => s.Assignee).HasMaxLength(Work.AssigneeMaxLength);
        builder.Property(s => s.Weight).HasPrecision(12, 4);
        builder.Property(s => s.SubtaskWeight).HasPrecision(18, 4);
        builder.Property(s => s.SubtaskDoneWeight).HasPrecision(18, 4);
        builder.Property(s => s.SubtaskInProgressWeight).HasPrecision(18, 4);
        builder.Ignore(s => s.SubtaskWeights);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.ProjectId, s.Position });
        builder.HasIndex(s => s.AssigneeManagerId);
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProjectManager>().WithMany().HasForeignKey(s => s.AssigneeManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubtaskConfiguration : IEntityTypeConfiguration<Subtask>
{
    public void Configure(EntityTypeBuilder<Subtask> builder)
    {
        builder.ToTable("subtasks", t =>
        {
            t.HasCheckConstraint("ck_subtasks_name", "name <> ''");
            t.HasCheckConstraint("ck_subtasks_status", "status BETWEEN 0 AND 3");
            t.HasCheckConstraint("ck_subtasks_weight", "CAST(weight AS REAL) > 0");
            t.HasCheckConstraint("ck_subtasks_position", "position >= 0");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Work.NameMaxLength);
        builder.Property(s => s.Weight).HasPrecision(12, 4);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.StepId, s.Position });
        builder.HasOne<Step>().WithMany().HasForeignKey(s => s.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable("workspace", t =>
        {
            t.HasCheckConstraint("ck_workspace_singleton", $"id = {Workspace.SingletonId}");
            t.HasCheckConstraint("ck_workspace_coefficient", "CAST(default_in_progress_coefficient AS REAL) BETWEEN 0 AND 1");
        });
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(Workspace.NameMaxLength);
        builder.Property(w => w.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(w => w.Locale).HasMaxLength(35);
        builder.Property(w => w.DefaultInProgressCoefficient).HasPrecision(5, 4);
        builder.Property(w => w.Version).IsConcurrencyToken();
    }
}

internal sealed class CharacteristicConfiguration : IEntityTypeConfiguration<Characteristic>
{
    public void Configure(EntityTypeBuilder<Characteristic> builder)
    {
        builder.ToTable("characteristics", t => t.HasCheckConstraint("ck_characteristics_parameter", "parameter <> ''"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Parameter).HasMaxLength(Characteristic.ParameterMaxLength);
        builder.Property(c => c.Value).HasMaxLength(Characteristic.ValueMaxLength);
        builder.Property(c => c.Unit).HasMaxLength(Characteristic.UnitMaxLength);
        builder.HasIndex(c => new { c.ProjectId, c.Position }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StepCommentConfiguration : IEntityTypeConfiguration<StepComment>
{
    public void Configure(EntityTypeBuilder<StepComment> builder)
    {
        builder.ToTable("step_comments", t => t.HasCheckConstraint("ck_step_comments_text", "text <> ''"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.AuthorName).HasMaxLength(100);
        builder.Property(c => c.Text).HasMaxLength(StepComment.TextMaxLength);
        builder.HasIndex(c => new { c.StepId, c.CreatedAt, c.Id });
        builder.HasOne<Step>().WithMany().HasForeignKey(c => c.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments", t =>
        {
            t.HasCheckConstraint("ck_attachments_file_name", "file_name <> ''");
            t.HasCheckConstraint("ck_attachments_size", "size >= 0");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.UploadedByName).HasMaxLength(100);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.ProjectId, a.Id });
        builder.HasIndex(a => a.StepId);
        // The step key has no cascade: SQL Server allows one cascade path from a project, and it goes through here.
        // Deleting steps deletes their attachments explicitly (AttachmentFiles), as it must delete their files anyway.
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    public void Configure(EntityTypeBuilder<Release> builder)
    {
        builder.ToTable("releases", t => t.HasCheckConstraint("ck_releases_size", "size >= 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Version).HasMaxLength(SemanticVersion.MaxLength);
        builder.Property(r => r.PrecedenceKey).HasMaxLength(SemanticVersion.MaxLength);
        builder.Property(r => r.Notes).HasMaxLength(Release.NotesMaxLength);
        builder.Property(r => r.FileName).HasMaxLength(Release.FileNameMaxLength);
        builder.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Ignore(r => r.SemanticVersion);
        builder.HasIndex(r => r.PrecedenceKey).IsUnique();
    }
}
