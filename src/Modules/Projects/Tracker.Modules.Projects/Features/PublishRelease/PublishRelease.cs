using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Data;
using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared;

namespace Tracker.Modules.Projects.Features.PublishRelease;

/// <param name="Sha256">The SHA-256 the uploader computed (hex): the package is kept only if the bytes received match it.</param>
/// <param name="Package">Null when the form had no file (a validation error names it).</param>
internal sealed record PublishReleaseCommand(string? Version, string? Notes, bool Mandatory, string? Sha256, string? FileName, Stream? Package) : ICommand<Result<Release>>;

internal sealed partial class PublishReleaseCommandValidator : AbstractValidator<PublishReleaseCommand>
{
    public PublishReleaseCommandValidator()
    {
        RuleFor(c => c.Version).Must(v => SemanticVersion.TryParse(v, out _)).WithMessage("A semantic version, such as 1.4.0 or 2.0.0-rc.1.");
        RuleFor(c => c.Notes).MaximumLength(Release.NotesMaxLength).StorableText();
        RuleFor(c => c.Sha256).Must(h => h is not null && Sha256Hex().IsMatch(h)).WithMessage("64 hexadecimal digits.");
        RuleFor(c => c.Package).NotNull().WithMessage("The package file is required.");
        RuleFor(c => c.FileName!).FileName().When(c => c.Package is not null);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}

internal sealed class PublishReleaseCommandHandler(ProjectsDbContext db, ProjectFiles files, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<PublishReleaseCommand, Result<Release>>
{
    /// <summary>Published only whole: a taken version, a package above the limit or one whose hash differs stores nothing.</summary>
    public async ValueTask<Result<Release>> Handle(PublishReleaseCommand command, CancellationToken cancellationToken)
    {
        var version = SemanticVersion.Parse(command.Version!);
        if (await db.Releases.AnyAsync(r => r.PrecedenceKey == version.PrecedenceKey, cancellationToken))
        {
            return ProjectsErrors.ReleaseVersionTaken.WithDetail(version.PrecedenceKey);
        }

        using var incoming = await files.Releases.ReceiveAsync(command.Package!, Release.MaxPackageBytes, cancellationToken);
        if (incoming is null)
        {
            return ProjectsErrors.ReleaseTooLarge.WithDetail(Release.MaxPackageBytes);
        }

        if (!string.Equals(incoming.Sha256, command.Sha256!, StringComparison.OrdinalIgnoreCase))
        {
            return ProjectsErrors.ReleaseHashMismatch.WithDetail(incoming.Sha256);
        }

        var now = clock.GetUtcNow();
        var release = Release.Publish(Guid.CreateVersion7(now), version, command.Notes, command.Mandatory, command.FileName!, incoming.Size, incoming.Sha256, user.Id, now);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        db.Releases.Add(release);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return ProjectsErrors.ReleaseVersionTaken.WithDetail(version.PrecedenceKey);
        }

        await files.Releases.KeepAsync(incoming, release.Id, () => transaction.CommitAsync(cancellationToken));

        return release;
    }
}

/// <summary>The upload form, as the API document describes it.</summary>
/// <param name="Version">Semantic version (1.4.0, 2.0.0-rc.1); unique, build metadata aside.</param>
/// <param name="Notes">Release notes shown to users (Markdown or plain text).</param>
/// <param name="Mandatory">Clients older than this version must install it.</param>
/// <param name="Sha256">SHA-256 of the package as computed by the uploader, hex.</param>
/// <param name="Package">The installer or archive.</param>
internal sealed record PublishReleaseForm(string Version, string Sha256, IFormFile Package, string? Notes = null, bool Mandatory = false);

internal sealed class PublishReleaseEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/updates", async Task<Results<Created<ReleaseResponse>, ProblemHttpResult>> (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                {
                    // Read by hand rather than bound: a missing field is then named by the validator, not refused as a bad form.
                    var form = await http.Request.ReadFormAsync(cancellationToken);
                    var package = form.Files.GetFile("package");
                    await using var content = package?.OpenReadStream();
                    var command = new PublishReleaseCommand(
                        form["version"].FirstOrDefault(), form["notes"].FirstOrDefault(), bool.TryParse(form["mandatory"], out var mandatory) && mandatory,
                        form["sha256"].FirstOrDefault(), package?.FileName, content);
                    return (await sender.Send(command, cancellationToken)).ToHttp(release =>
                    {
                        var published = release.ToResponse(http);
                        return TypedResults.Created(published.DownloadUrl, published);
                    });
                })
            .Accepts<PublishReleaseForm>("multipart/form-data")
            .DisableAntiforgery() // bearer tokens, not cookies, authorise every call
            .WithMetadata(new RequestSizeLimitAttribute(Release.MaxPackageBytes + FormOverheadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = Release.MaxPackageBytes + FormOverheadBytes })
            .RequireAuthorization(TrackerPolicies.Admin)
            .SupportsIdempotency()
            .WithSummary("Publish a desktop release package (admin only)")
            .WithDescription("multipart/form-data with `version`, `notes`, `mandatory`, `sha256` and the `package` file. The package is kept only if its SHA-256 is the one sent (else 422 ERR_PROJECTS_RELEASE_HASH_MISMATCH, nothing stored); a version published already answers 409. The manifest then offers the newest release.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);

    /// <summary>Room for the form's other fields and boundaries around the package.</summary>
    private const long FormOverheadBytes = 1024 * 1024;
}
