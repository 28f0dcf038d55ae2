using Tracker.Modules.__Name__.Data;
using Tracker.Modules.__Name__.Features.Shared;

namespace Tracker.Modules.__Name__.Features.Get__Entity__;

internal sealed record Get__Entity__Query(Guid __Entity__Id) : IQuery<Result<__Entity__Response>>;

internal sealed class Get__Entity__QueryHandler(__Name__DbContext db) : IQueryHandler<Get__Entity__Query, Result<__Entity__Response>>
{
    public async ValueTask<Result<__Entity__Response>> Handle(Get__Entity__Query query, CancellationToken cancellationToken) =>
        await db.__Entities__.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.__Entity__Id, cancellationToken) is { } found
            ? __Entity__Response.From(found)
            : __Name__Errors.__Entity__NotFound.WithDetail(query.__Entity__Id);
}

internal sealed class Get__Entity__Endpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/__entities__/{id}", async Task<Results<Ok<__Entity__Response>, ProblemHttpResult>> (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new Get__Entity__Query(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithSummary("One __entity_words__")
            .ProducesError(StatusCodes.Status404NotFound);
}
