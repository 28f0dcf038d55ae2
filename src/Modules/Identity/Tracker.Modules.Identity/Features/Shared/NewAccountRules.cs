using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features.Shared;

/// <summary>What a new account's username, display name and password must look like (self-registered or created).</summary>
internal static class NewAccountRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(User.UsernameMaxLength).Matches("^\\s*[A-Za-z0-9._@-]{3,64}\\s*$")
            .WithMessage("Use 3 to 64 letters, digits, '.', '_', '-' or '@'.");

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(User.DisplayNameMaxLength);

    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(PasswordMinLength).MaximumLength(PasswordMaxLength);
}
