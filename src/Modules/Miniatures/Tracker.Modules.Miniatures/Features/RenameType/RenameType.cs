using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.RenameType;

internal sealed record RenameTypeRequest(string Name);

/// <param name="ExpectedVersion">From If-Match: rename only if the type is still at this version.</param>
internal sealed record RenameTypeCommand(Guid TypeId, string Name, long? ExpectedVersion = null) : ICommand<Result<TypeResponse>>;

internal sealed class RenameTypeCommandValidator : AbstractValidator<RenameTypeCommand>
{
    public RenameTypeCommandValidator() => RuleFor(c => c.Name).ValidTypeName();
}

internal sealed class RenameTypeCommandHandler(MiniaturesDbContext db) : ICommandHandler<RenameTypeCommand, Result<TypeResponse>>
{
    private const int MaxAttempts = 10;

    /// <summary>
    /// The UPDATE carries the version it read in its WHERE (a concurrency token), so a change in between makes it
    /// affect no row: with If-Match that is a 412, without it the rename is tried again on the new version.
    /// </summary>
    public async ValueTask<Result<TypeResponse>> Handle(RenameTypeCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var type = await db.Types.SingleOrDefaultAsync(t => t.Id == command.TypeId, cancellationToken);
            if (type is null)
            {
                return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
            }

            if (command.ExpectedVersion is { } expected && type.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith((await TypeReader.FindAsync(db, type.Id, cancellationToken))!);
            }

            var normalized = MiniatureType.Normalize(command.Name);
            if (await db.Types.AnyAsync(t => t.NormalizedName == normalized && t.Id != command.TypeId, cancellationToken))
            {
                return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
            }

            type.Rename(command.Name);
            try
            {
                if (!await db.TrySaveUniqueAsync(cancellationToken))
                {
                    return MiniaturesErrors.TypeNameTaken.WithDetail(command.Name.Trim());
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (attempt < MaxAttempts)
                {
                    continue;
                }

                return ConcurrencyErrors.ConcurrentChanges;
            }

            return (await TypeReader.FindAsync(db, type.Id, cancellationToken))!;
        }
    }
}

internal sealed class RenameTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/types/{id}", async Task<Results<Ok<TypeResponse>, ProblemHttpResult>> (Guid id, RenameTypeRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RenameTypeCommand(id, request.Name, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .SupportsETag()
            .WithSummary("Rename a miniature type")
            .ProducesError(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
