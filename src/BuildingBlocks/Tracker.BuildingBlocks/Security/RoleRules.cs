using FluentValidation;
using Tracker.BuildingBlocks.Json;
using Tracker.BuildingBlocks.Validation;

namespace Tracker.BuildingBlocks.Security;

/// <summary>
/// The one validation of a role in a request. JSON and query binding already refuse every other name
/// (<see cref="WireEnum"/>); what is left is a role that was not sent at all, which stays 0.
/// </summary>
public static class RoleRules
{
    public static IRuleBuilderOptions<T, Role> KnownRole<T>(this IRuleBuilder<T, Role> rule) =>
        rule.IsInEnum().WithMessage(WireEnum.NotOneOf(typeof(Role)));

    public static IRuleBuilderOptions<T, Role?> KnownRole<T>(this IRuleBuilder<T, Role?> rule) =>
        rule.IsInEnum().WithMessage(WireEnum.NotOneOf(typeof(Role)));
}
