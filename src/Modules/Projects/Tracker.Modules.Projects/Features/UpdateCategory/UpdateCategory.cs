using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateCategory;

internal sealed record UpdateCategoryRequest(string Name, string? Description = null, string? Color = null, int SortOrder = 0);

/// <param name="ExpectedVersion">From If-Match: change it only if it is still at this version.</param>
internal sealed record UpdateCategoryCommand(Guid CategoryId, string Name, string? Description, string? Color, int SortOrder, long? ExpectedVersion) : ICommand<Result<CategoryResponse>>;

internal sealed class UpdateCategoryCommandValidator : AbstractValidator<UpdateCategoryCommand>
{
    public UpdateCategoryCommandValidator()
    {
        RuleFor(c => c.Name).SafeName(Category.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Category.DescriptionMaxLength);
        RuleFor(c => c.Color).HexColor();
    }
}

internal sealed class UpdateCategoryCommandHandler(ProjectsDbContext db) : ICommandHandler<UpdateCategoryCommand, Result<CategoryResponse>>
{
    public async ValueTask<Result<CategoryResponse>> Handle(UpdateCategoryCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<CategoryResponse>(command.ExpectedVersion, async () =>
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, cancellationToken);
            if (category is null)
            {
                return ProjectsErrors.CategoryNotFound.WithDetail(command.CategoryId);
            }

            if (command.ExpectedVersion is { } expected && category.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(CategoryResponse.From(category));
            }

            category.Update(command.Name, command.Description, command.Color, command.SortOrder);
            return await db.SaveVersionedAsync(
                async () => await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CategoryId, cancellationToken) is { } c ? CategoryResponse.From(c) : null,
                ProjectsErrors.CategoryNotFound.WithDetail(command.CategoryId),
                ProjectsErrors.CategoryNameTaken.WithDetail(category.Name),
                cancellationToken);
        });
    }
}

internal sealed class UpdateCategoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/categories/{id}", async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> (Guid id, UpdateCategoryRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateCategoryCommand(id, request.Name, request.Description, request.Color, request.SortOrder, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .WithSummary("Change a category (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
