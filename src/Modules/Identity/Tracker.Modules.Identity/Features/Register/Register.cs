using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.Register;

internal sealed record RegisterRequest(string Username, string DisplayName, string Password);

internal sealed record RegisterCommand(string Username, string DisplayName, string Password) : ICommand<Result<UserResponse>>;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator()
    {
        RuleFor(c => c.Username).ValidUsername();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Password).ValidPassword();
    }
}

internal sealed class RegisterCommandHandler(AccountWriter accounts, IOptions<IdentityOptions> options)
    : ICommandHandler<RegisterCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSelfRegistration)
        {
            return IdentityErrors.RegistrationDisabled;
        }

        var created = await accounts.CreateAsync(command.Username, command.DisplayName, command.Password, Role.worker, cancellationToken);
        return created.IsFailure ? created.Error : created.Value.ToResponse();
    }
}

internal sealed class RegisterEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/register", async Task<Results<CreatedAtSlice<UserResponse>, ProblemHttpResult>> (RegisterRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new RegisterCommand(request.Username, request.DisplayName, request.Password), cancellationToken))
                    .ToHttp(user => ModuleRoutes.CreatedAt(nameof(GetUser), new { id = user.Id }, user)))
            .AllowAnonymous()
            .WithSummary("Create your own worker account")
            .WithDescription("Only when self-registration is enabled (Identity:AllowSelfRegistration); otherwise 403.")
            .ProducesError(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
}
