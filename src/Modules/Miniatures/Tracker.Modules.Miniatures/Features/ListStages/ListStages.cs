using System.Globalization;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.ListStages;

/// <param name="Label">In the request's language (Accept-Language).</param>
internal sealed record StageResponse(Stage Stage, int Order, string Label, StageLabels Labels);

internal sealed record StageLabels(string En, string Ru);

internal sealed class ListStagesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/stages", Ok<List<StageResponse>> () =>
                TypedResults.Ok(Stages.All.Select(stage => new StageResponse(
                    stage,
                    (int)stage,
                    stage.Label().In(CultureInfo.CurrentUICulture),
                    new StageLabels(stage.Label().English, stage.Label().Russian))).ToList()))
            .WithSummary("The pipeline's stages, in order, with labels")
            .WithDescription("A fixed list of five stages, returned whole: not paged.");
}
