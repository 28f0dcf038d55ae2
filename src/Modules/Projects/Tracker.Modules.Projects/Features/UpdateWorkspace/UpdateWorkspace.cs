using System.Globalization;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.UpdateWorkspace;

/// <param name="Currency">ISO 4217 code, e.g. RUB, EUR.</param>
/// <param name="Locale">A culture name, e.g. ru-RU, en-US.</param>
/// <param name="DefaultInProgressCoefficient">What a step in progress counts for in new projects, 0..1.</param>
/// <param name="MaxAttachmentBytes">The largest attachment accepted, in bytes.</param>
internal sealed record UpdateWorkspaceRequest(string Name, string Currency, string Locale, decimal DefaultInProgressCoefficient, long MaxAttachmentBytes);

internal sealed record UpdateWorkspaceCommand(UpdateWorkspaceRequest Settings, long? ExpectedVersion) : ICommand<Result<WorkspaceResponse>>;

internal sealed class UpdateWorkspaceCommandValidator : AbstractValidator<UpdateWorkspaceCommand>
{
    private static readonly LocalizedText NotACurrency = new("An ISO 4217 code: three letters.", "Код ISO 4217: три латинские буквы.");
    private static readonly LocalizedText NotALocale = new("A culture name such as ru-RU.", "Имя культуры, например ru-RU.");
    private static readonly HashSet<string> Cultures = [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(c => c.Name)];

    public UpdateWorkspaceCommandValidator()
    {
        RuleFor(c => c.Settings.Name).SafeName(Workspace.NameMaxLength).OverridePropertyName("name");
        RuleFor(c => c.Settings.Currency).Must(c => c is { Length: 3 } && c.All(char.IsAsciiLetter)).WithMessage(NotACurrency).OverridePropertyName("currency");
        RuleFor(c => c.Settings.Locale).Must(Cultures.Contains).WithMessage(NotALocale).OverridePropertyName("locale");
        RuleFor(c => c.Settings.DefaultInProgressCoefficient).Coefficient().OverridePropertyName("defaultInProgressCoefficient");
        RuleFor(c => c.Settings.MaxAttachmentBytes).InclusiveBetween(1, Workspace.MaxAttachmentBytesLimit).OverridePropertyName("maxAttachmentBytes");
    }
}

internal sealed class UpdateWorkspaceCommandHandler(ProjectsDbContext db) : ICommandHandler<UpdateWorkspaceCommand, Result<WorkspaceResponse>>
{
    public async ValueTask<Result<WorkspaceResponse>> Handle(UpdateWorkspaceCommand command, CancellationToken cancellationToken)
    {
        return await VersionedWrites.RetryUnlessVersionExpectedAsync<WorkspaceResponse>(command.ExpectedVersion, async () =>
        {
            var workspace = await db.Workspaces.SingleOrDefaultAsync(cancellationToken);
            var current = workspace ?? Workspace.Defaults();
            if (command.ExpectedVersion is { } expected && current.Version != expected)
            {
                return ConcurrencyErrors.VersionMismatchWith(WorkspaceResponse.From(current));
            }

            if (workspace is null)
            {
                db.Workspaces.Add(current);
            }

            var s = command.Settings;
            current.Update(s.Name, s.Currency, s.Locale, s.DefaultInProgressCoefficient, s.MaxAttachmentBytes);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || exception.IsUniqueViolation())
            {
                // Saved by someone else in between (the first save of the row, or a newer version): 412 with theirs, or another attempt on it.
                db.ChangeTracker.Clear();
                return ConcurrencyErrors.VersionMismatchWith(WorkspaceResponse.From(await db.WorkspaceAsync(cancellationToken)));
            }

            return WorkspaceResponse.From(current);
        });
    }
}

internal sealed class UpdateWorkspaceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut("/workspace", async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> (UpdateWorkspaceRequest request, IfMatch ifMatch, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateWorkspaceCommand(request, ifMatch.Version), cancellationToken)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(TrackerPolicies.Admin)
            .SupportsETag()
            .WithSummary("Change the workspace settings (admin only)")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
}
