using FluentValidation;

namespace Tracker.BuildingBlocks.Security;

/// <summary>
/// The one validation of a role in a request. JSON already refuses every other name (the converter on
/// <see cref="Role"/>); what is left is a role that was not sent at all, which stays 0.
/// </summary>
public static class RoleRules
{
    public static IRuleBuilderOptions<T, Role> KnownRole<T>(this IRuleBuilder<T, Role> rule) =>
        rule.IsInEnum().WithMessage(Message);

    public static IRuleBuilderOptions<T, Role?> KnownRole<T>(this IRuleBuilder<T, Role?> rule) =>
        rule.IsInEnum().WithMessage(Message);

    private static string Message => $"Role must be one of: {Roles.List}.";
}
