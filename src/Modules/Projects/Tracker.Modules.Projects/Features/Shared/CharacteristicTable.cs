using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>One row of a characteristics table as a client sends it (PUT, or an import).</summary>
internal sealed record CharacteristicRow(string Parameter, string Value, string? Unit = null);

/// <summary>What a row must be, wherever it comes from: PUT, a JSON import or a spreadsheet.</summary>
internal sealed class CharacteristicRowValidator : AbstractValidator<CharacteristicRow>
{
    public CharacteristicRowValidator()
    {
        RuleFor(r => r.Parameter).SafeName(Characteristic.ParameterMaxLength);
        RuleFor(r => r.Value).NotNull().MaximumLength(Characteristic.ValueMaxLength).SafeText();
        RuleFor(r => r.Unit).MaximumLength(Characteristic.UnitMaxLength).SafeText();
    }
}

/// <summary>A replaced table: how many rows it had before, and what it holds now.</summary>
internal sealed record ReplacedCharacteristics(int Removed, CharacteristicList Table);

internal static class CharacteristicTable
{
    /// <summary>
    /// Replaces a project's table with <paramref name="rows"/> (already valid), all rows at once in one transaction
    /// (joined when the caller has one open): a reader sees the old table or the new one, never half.
    /// </summary>
    public static async Task<Result<ReplacedCharacteristics>> ReplaceCharacteristicsAsync(
        this ProjectsDbContext db, Guid projectId, IReadOnlyList<CharacteristicRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ProjectsErrors.ProjectNotFound.WithDetail(projectId);
        }

        await db.LockContentsOfAsync(projectId, cancellationToken);
        var removed = await db.Characteristics.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        db.Characteristics.AddRange(rows.Select((row, position) => Create(projectId, position, row, now)));
        if (!await db.TrySaveReferencesAsync(cancellationToken))
        {
            // The project was deleted by a request that committed after the check above.
            return ProjectsErrors.ProjectNotFound.WithDetail(projectId);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReplacedCharacteristics(removed, await db.CharacteristicsOfAsync(projectId, cancellationToken));
    }

    /// <summary>The row as it would be stored (trimmed, an empty unit as none), without storing it.</summary>
    public static CharacteristicResponse Preview(CharacteristicRow row, DateTimeOffset now) =>
        CharacteristicResponse.From(Create(Guid.Empty, 0, row, now));

    private static Characteristic Create(Guid projectId, int position, CharacteristicRow row, DateTimeOffset now) =>
        Characteristic.Create(projectId, position, row.Parameter, row.Value, row.Unit, now);
}
