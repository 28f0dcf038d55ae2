using Tracker.BuildingBlocks.Security;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity.Features.CreateUser;

internal sealed record CreateUserRequest(string Username, string DisplayName, string Password, Role Role);

internal sealed record CreateUserCommand(string Username, string DisplayName, string Password, Role Role) : ICommand<Result<UserResponse>>;

internal sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Username).ValidUsername();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Password).ValidPassword();
        RuleFor(c => c.Role).KnownRole();
    }
}

internal sealed class CreateUserCommandHandler(AccountWriter accounts) : ICommandHandler<CreateUserCommand, Result<UserResponse>>
{
    public async ValueTask<Result<UserResponse>> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(command.Username, command.DisplayName, command.Password, command.Role, cancellationToken);
        return created.IsFailure ? created.Error : created.Value.ToResponse();
    }
}

internal sealed class CreateUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/users", async Task<Results<CreatedAtSlice<UserResponse>, ProblemHttpResult>> (CreateUserRequest request, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateUserCommand(request.Username, request.DisplayName, request.Password, request.Role), cancellationToken))
                    .ToHttp(user => ModuleRoutes.CreatedAt(nameof(GetUser), new { id = user.Id }, user)))
            .RequireAuthorization(TrackerPolicies.Admin)
            .WithSummary("Create a user with any role (admin only)")
            .ProducesError(StatusCodes.Status409Conflict);
}
