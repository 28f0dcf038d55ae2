using Tracker.Modules.Miniatures.Data;

namespace Tracker.Modules.Miniatures.Features.DeleteType;

internal sealed record DeleteTypeCommand(Guid TypeId) : ICommand<Result>;

internal sealed class DeleteTypeCommandHandler(MiniaturesDbContext db) : ICommandHandler<DeleteTypeCommand, Result>
{
    /// <summary>Deletes the type with its counts and history (the foreign keys cascade).</summary>
    public async ValueTask<Result> Handle(DeleteTypeCommand command, CancellationToken cancellationToken)
    {
        if (await db.Types.Where(t => t.Id == command.TypeId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }
        return Result.Success();
    }
}

internal sealed class DeleteTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/types/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteTypeCommand(id), cancellationToken)).ToHttp())
            .WithSummary("Delete a miniature type with its counts and history")
            .ProducesError(StatusCodes.Status404NotFound);
}
