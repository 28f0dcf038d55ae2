using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Miniatures.Domain;

namespace Tracker.Modules.Miniatures.Features.Shared;

internal static class TypeNameRules
{
    /// <summary>A visible one-line name of at most 100 characters once trimmed and composed (NFC).</summary>
    public static IRuleBuilderOptions<T, string> ValidTypeName<T>(this IRuleBuilder<T, string> rule) =>
        rule.SafeName(MiniatureType.NameMaxLength);
}
