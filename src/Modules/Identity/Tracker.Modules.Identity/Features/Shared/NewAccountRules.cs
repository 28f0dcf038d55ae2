using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>What a new account's username, display name and password must look like (self-registered or created).</summary>
internal static class NewAccountRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    private static readonly LocalizedText UsernameSpelling = new(
        "Use 3 to 64 letters, digits, '.', '_', '-' or '@'.",
        "Используйте от 3 до 64 латинских букв, цифр, '.', '_', '-' или '@'.");

    /// <summary>ASCII only (surrounding spaces are trimmed), so the upper-cased form alone decides uniqueness.</summary>
    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(User.UsernameMaxLength).Matches("^ *[A-Za-z0-9._@-]{3,64} *$")
            .WithMessage(UsernameSpelling);

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.SafeName(User.DisplayNameMaxLength);

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(PasswordMinLength).MaximumLength(PasswordMaxLength).VisibleSecret();
}
