using Tracker.Modules.__Name__.Contracts;
using Tracker.Modules.__Name__.Data;
using Tracker.Modules.__Name__.Domain;
using Tracker.Modules.__Name__.Features.Shared;

namespace Tracker.Modules.__Name__.Features.Create__Entity__;

internal sealed record Create__Entity__Request(string Name);

internal sealed record Create__Entity__Command(string Name) : ICommand<Result<__Entity__Response>>;

internal sealed class Create__Entity__CommandValidator : AbstractValidator<Create__Entity__Command>
{
    public Create__Entity__CommandValidator() =>
        RuleFor(c => c.Name).Must(__Entity__.IsValidName).WithMessage($"The name must have 1 to {__Entity__.NameMaxLength} characters besides spaces.");
}

internal sealed class Create__Entity__CommandHandler(__Name__DbContext db, TimeProvider clock) : ICommandHandler<Create__Entity__Command, Result<__Entity__Response>>
{
    public async ValueTask<Result<__Entity__Response>> Handle(Create__Entity__Command command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = __Entity__.Create(command.Name, now);
        db.__Entities__.Add(created);
        // Written to the outbox by the same SaveChanges: other modules hear of the row only if it commits.
        db.Publish(new __Entity__Created(Guid.CreateVersion7(now), now, created.Id, created.Name));
        await db.SaveChangesAsync(cancellationToken);
        return __Entity__Response.From(created);
    }
}

internal sealed class Create__Entity__Endpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/__entities__", async Task<Results<CreatedAtSlice<__Entity__Response>, ProblemHttpResult>> (Create__Entity__Request request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new Create__Entity__Command(request.Name), cancellationToken))
                    .ToHttp(created => ModuleRoutes.CreatedAt(nameof(Get__Entity__), new { id = created.Id }, created)))
            .WithSummary("Create a __entity_words__");
}
