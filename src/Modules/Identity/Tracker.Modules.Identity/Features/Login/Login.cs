using Microsoft.AspNetCore.Identity;
using Tracker.BuildingBlocks.Security;
using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.Login;

internal sealed record LoginRequest(string Username, string Password);

internal sealed record LoginCommand(string Username, string Password, string ClientAddress) : ICommand<Result<TokenResponse>>;

internal sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(User.UsernameMaxLength).SafeText();
        RuleFor(c => c.Password).NotEmpty().MaximumLength(NewAccountRules.PasswordMaxLength);
    }
}

internal sealed class LoginCommandHandler(
    IdentityDbContext db,
    IPasswordHasher<User> hasher,
    LoginThrottle throttle,
    SessionTokens sessions,
    TimeProvider clock) : ICommandHandler<LoginCommand, Result<TokenResponse>>
{
    // Verifying against a throwaway hash when the user does not exist keeps response times alike,
    // so timing does not reveal which usernames exist.
    private static readonly Lazy<(User User, string Hash)> Decoy = new(() =>
    {
        var user = User.Create("decoy", "decoy", Role.worker, DateTimeOffset.UnixEpoch);
        return (user, new PasswordHasher<User>().HashPassword(user, Guid.NewGuid().ToString()));
    });

    public async ValueTask<Result<TokenResponse>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(command.Username);
        if (throttle.TryBegin(normalized, command.ClientAddress) is { } wait)
        {
            return IdentityErrors.LoginThrottled.WithDetail(RetryAfter.Seconds(wait)).WithRetryAfter(wait);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(Decoy.Value.User, Decoy.Value.Hash, command.Password);
            return IdentityErrors.InvalidCredentials;
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, command.Password);
        if (verdict == PasswordVerificationResult.Failed || !user.IsActive)
        {
            return IdentityErrors.InvalidCredentials;
        }

        throttle.Succeeded(normalized, command.ClientAddress);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(hasher.HashPassword(user, command.Password));
        }

        user.RecordLogin(clock.GetUtcNow());
        var response = sessions.Issue(user);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}

internal sealed class LoginEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/login", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (LoginRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new LoginCommand(request.Username, request.Password, http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), cancellationToken))
                    .ToHttp(TypedResults.Ok))
            .AllowAnonymous()
            .NotCached()
            .WithSummary("Sign in with username and password")
            .WithDescription("Returns a short-lived access token and a single-use refresh token (never to be cached: `Cache-Control: no-store`). Repeated failures for one username from one address, or for many usernames from one address, answer 429 with Retry-After.")
            .ProducesError(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
}
