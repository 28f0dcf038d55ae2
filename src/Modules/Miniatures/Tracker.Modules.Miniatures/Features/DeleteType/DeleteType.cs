using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.DeleteType;

/// <param name="ExpectedVersion">From If-Match: delete only if the type is still at this version.</param>
internal sealed record DeleteTypeCommand(Guid TypeId, long? ExpectedVersion = null) : ICommand<Result>;

internal sealed class DeleteTypeCommandHandler(MiniaturesDbContext db) : ICommandHandler<DeleteTypeCommand, Result>
{
    /// <summary>Deletes the type with its counts and history (the foreign keys cascade); the version check is in the DELETE.</summary>
    public async ValueTask<Result> Handle(DeleteTypeCommand command, CancellationToken cancellationToken)
    {
        var type = db.Types.Where(t => t.Id == command.TypeId);
        if (command.ExpectedVersion is { } expected)
        {
            type = type.Where(t => t.Version == expected);
        }

        if (await type.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return await TypeReader.FindAsync(db, command.TypeId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(current)
                : MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }
        return Result.Success();
    }
}

internal sealed class DeleteTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/types/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteTypeCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .SupportsETag()
            .WithSummary("Delete a miniature type with its counts and history")
            .ProducesError(StatusCodes.Status404NotFound);
}
