using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

internal static class TypeNameRules
{
    public static IRuleBuilderOptions<T, string> ValidTypeName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("The name must not be empty.")
            .Must(name => name is null || name.Trim().Length <= MiniatureType.NameMaxLength).WithMessage($"The name must be at most {MiniatureType.NameMaxLength} characters.");
}
