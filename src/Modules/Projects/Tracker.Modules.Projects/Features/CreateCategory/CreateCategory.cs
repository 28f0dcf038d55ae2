using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.CreateCategory;

/// <param name="Color">A CSS colour, <c>#rrggbb</c>.</param>
/// <param name="SortOrder">Where the category is listed: lower first, then by name.</param>
internal sealed record CreateCategoryRequest(string Name, string? Description = null, string? Color = null, int SortOrder = 0);

internal sealed record CreateCategoryCommand(string Name, string? Description, string? Color, int SortOrder) : ICommand<Result<CategoryResponse>>;

internal sealed class CreateCategoryCommandValidator : AbstractValidator<CreateCategoryCommand>
{
    public CreateCategoryCommandValidator()
    {
        RuleFor(c => c.Name).SafeName(Category.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Category.DescriptionMaxLength);
        RuleFor(c => c.Color).HexColor();
    }
}

internal sealed class CreateCategoryCommandHandler(ProjectsDbContext db, TimeProvider clock) : ICommandHandler<CreateCategoryCommand, Result<CategoryResponse>>
{
    public async ValueTask<Result<CategoryResponse>> Handle(CreateCategoryCommand command, CancellationToken cancellationToken)
    {
        var category = Category.Create(command.Name, command.Description, command.Color, command.SortOrder, clock.GetUtcNow());
        db.Categories.Add(category);
        return await db.TrySaveUniqueAsync(cancellationToken)
            ? CategoryResponse.From(category)
            : ProjectsErrors.CategoryNameTaken.WithDetail(category.Name);
    }
}

internal sealed class CreateCategoryEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/categories", async Task<Results<CreatedAtSlice<CategoryResponse>, ProblemHttpResult>> (CreateCategoryRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateCategoryCommand(request.Name, request.Description, request.Color, request.SortOrder), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(GetCategory), new { id = created.Id }, created)))
            .RequireAuthorization(TrackerPolicies.Planner)
            .SupportsETag()
            .SupportsIdempotency()
            .WithSummary("Create a category (planner, manager or admin)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
}
