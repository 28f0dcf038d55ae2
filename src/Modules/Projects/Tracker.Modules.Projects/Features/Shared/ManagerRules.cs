using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>The fields of a project manager, checked the same way on create and on change.</summary>
internal static class ManagerRules
{
    private static readonly LocalizedText NotAnEmail = new("Not an e-mail address.", "Это не адрес электронной почты.");

    public static void ManagerFields<T>(this AbstractValidator<T> validator, Func<T, string> name, Func<T, string?> email, Func<T, string?> phone)
    {
        validator.RuleFor(c => name(c)).SafeName(ProjectManager.NameMaxLength).OverridePropertyName("name");
        validator.RuleFor(c => email(c)).MaximumLength(ProjectManager.EmailMaxLength).SafeText()
            .Must(e => string.IsNullOrWhiteSpace(e) || (e.Trim().IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < e.Trim().Length - 1 && !e.Trim().Contains(' ', StringComparison.Ordinal)))
            .WithMessage(NotAnEmail).OverridePropertyName("email");
        validator.RuleFor(c => phone(c)).MaximumLength(ProjectManager.PhoneMaxLength).SafeText().OverridePropertyName("phone");
    }
}
