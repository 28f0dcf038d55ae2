using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Logout;

internal sealed record LogoutRequest(string RefreshToken);

internal sealed record LogoutCommand(string RefreshToken) : ICommand<Result>;

internal sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(256);
}

internal sealed class LogoutCommandHandler(IdentityDbContext db, TimeProvider clock) : ICommandHandler<LogoutCommand, Result>
{
    /// <summary>Ends the session the token belongs to. Unknown or spent tokens succeed too: the session is over either way.</summary>
    public async ValueTask<Result> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var hash = RefreshToken.Hash(command.RefreshToken);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await db.RevokeTokenFamilyAsync(family, clock.GetUtcNow(), cancellationToken);
        }

        return Result.Success();
    }
}

internal sealed class LogoutEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/logout", async Task<Results<NoContent, ProblemHttpResult>> (LogoutRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new LogoutCommand(request.RefreshToken), cancellationToken)).ToHttp())
            .AllowAnonymous()
            .WithSummary("End a session")
            .WithDescription("Revokes the refresh token and every token rotated from it. Access tokens already issued expire on their own within minutes.");
}
