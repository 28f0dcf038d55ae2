using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.RefreshSession;

internal sealed record RefreshRequest(string RefreshToken);

internal sealed record RefreshSessionCommand(string RefreshToken) : ICommand<Result<TokenResponse>>;

internal sealed class RefreshSessionCommandValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(256);
}

internal sealed class RefreshSessionCommandHandler(IdentityDbContext db, SessionTokens sessions, TimeProvider clock)
    : ICommandHandler<RefreshSessionCommand, Result<TokenResponse>>
{
    public async ValueTask<Result<TokenResponse>> Handle(RefreshSessionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = RefreshToken.Hash(command.RefreshToken);
        var presented = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null)
        {
            return IdentityErrors.InvalidRefreshToken;
        }

        if (presented.RevokedAt is not null)
        {
            // A used token came back: someone else holds a copy. End every session of this family.
            await db.RevokeTokenFamilyAsync(presented.FamilyId, now, cancellationToken);
            return IdentityErrors.InvalidRefreshToken;
        }

        // Spending the old token and storing its successor commit together. Of two concurrent refreshes with the
        // same token exactly one spends it; the other waits for that commit, finds it spent, and treats it as reuse.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var spent = await db.RefreshTokens
            .Where(t => t.Id == presented.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (spent == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            await db.RevokeTokenFamilyAsync(presented.FamilyId, now, cancellationToken);
            return IdentityErrors.InvalidRefreshToken;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == presented.UserId, cancellationToken);
        if (!presented.IsUsable(now) || user is not { IsActive: true })
        {
            await transaction.CommitAsync(cancellationToken);
            return IdentityErrors.InvalidRefreshToken;
        }

        var response = sessions.Issue(user, presented.FamilyId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}

internal sealed class RefreshSessionEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/refresh", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (RefreshRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RefreshSessionCommand(request.RefreshToken), cancellationToken)).ToHttp(TypedResults.Ok))
            .AllowAnonymous()
            .NotCached()
            .WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("The presented refresh token is spent. Presenting a spent token again revokes every token of its session.")
            .ProducesError(StatusCodes.Status401Unauthorized);
}
