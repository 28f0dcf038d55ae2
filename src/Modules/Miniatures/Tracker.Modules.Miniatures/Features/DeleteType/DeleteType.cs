using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Features.ListTypes;

namespace Tracker.Modules.Miniatures.Features.DeleteType;

internal sealed record DeleteTypeCommand(Guid TypeId) : ICommand<Result>;

internal sealed class DeleteTypeCommandHandler(MiniaturesDbContext db, TypeListCache list) : ICommandHandler<DeleteTypeCommand, Result>
{
    /// <summary>Deletes the type with its counts and history (the foreign keys cascade).</summary>
    public async ValueTask<Result> Handle(DeleteTypeCommand command, CancellationToken cancellationToken)
    {
        if (await db.Types.Where(t => t.Id == command.TypeId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return MiniaturesErrors.TypeNotFound.WithDetail(command.TypeId);
        }

        list.Invalidate();
        return Result.Success();
    }
}

internal sealed class DeleteTypeEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        MiniaturesRoutes.Group(app).MapDelete("/types/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteTypeCommand(id), cancellationToken)).ToHttp())
            .WithName("MiniaturesDeleteType")
            .WithSummary("Delete a miniature type with its counts and history")
            .ProducesError(StatusCodes.Status404NotFound);
}
