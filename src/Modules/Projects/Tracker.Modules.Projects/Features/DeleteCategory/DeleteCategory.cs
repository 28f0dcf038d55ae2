using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.DeleteCategory;

/// <param name="ExpectedVersion">From If-Match: delete it only if it is still at this version.</param>
internal sealed record DeleteCategoryCommand(Guid CategoryId, long? ExpectedVersion) : ICommand<Result>;

internal sealed class DeleteCategoryCommandHandler(ProjectsDbContext db) : ICommandHandler<DeleteCategoryCommand, Result>
{
    /// <summary>Only an empty category goes; the foreign key from projects refuses the rest even under a race.</summary>
    public async ValueTask<Result> Handle(DeleteCategoryCommand command, CancellationToken cancellationToken)
    {
        if (await db.Projects.AnyAsync(p => p.CategoryId == command.CategoryId, cancellationToken))
        {
            return ProjectsErrors.CategoryNotEmpty.WithDetail(command.CategoryId);
        }

        var category = db.Categories.Where(c => c.Id == command.CategoryId);
        if (command.ExpectedVersion is { } expected)
        {
            category = category.Where(c => c.Version == expected);
        }

        int deleted;
        try
        {
            deleted = await category.ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception.IsForeignKeyViolation())
        {
            // A project was created in the category after the check above.
            return ProjectsErrors.CategoryNotEmpty.WithDetail(command.CategoryId);
        }

        if (deleted == 0)
        {
            return await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CategoryId, cancellationToken) is { } current
                ? ConcurrencyErrors.VersionMismatchWith(CategoryResponse.From(current))
                : ProjectsErrors.CategoryNotFound.WithDetail(command.CategoryId);
        }

        return Result.Success();
    }
}

internal sealed class DeleteCategoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/categories/{id}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new DeleteCategoryCommand(id, ifMatch.Version), cancellationToken)).ToHttp())
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Delete an empty category (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
