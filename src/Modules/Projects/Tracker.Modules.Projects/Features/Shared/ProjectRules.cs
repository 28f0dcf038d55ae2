using Tracker.BuildingBlocks.Validation;
using Tracker.Modules.Projects.Domain;

namespace Tracker.Modules.Projects.Features.Shared;

/// <summary>Field rules several slices share, with messages in English and Russian.</summary>
internal static class ProjectRules
{
    private static readonly LocalizedText EndBeforeStart = new("The end comes before the start.", "Окончание раньше начала.");
    private static readonly LocalizedText NotAColor = new("A colour is #rrggbb.", "Цвет задаётся как #rrggbb.");
    private static readonly LocalizedText NotMoney = new(
        $"An amount from 0 to {Project.MaxMoney} with at most 2 decimals.", $"Сумма от 0 до {Project.MaxMoney}, не более 2 знаков после запятой.");

    private static readonly LocalizedText NotAWeight = new(
        $"A weight is above 0 and at most {Work.MaxWeight}, with at most 4 decimals.", $"Вес больше 0 и не более {Work.MaxWeight}, не более 4 знаков после запятой.");

    private static readonly LocalizedText NotAFileName = new(
        "A file name needs more than dots and separators.", "Имя файла должно содержать не только точки и разделители.");

    private static readonly LocalizedText NotACoefficient = new(
        "A coefficient from 0 to 1 with at most 4 decimals.", "Коэффициент от 0 до 1, не более 4 знаков после запятой.");

    public static IRuleBuilderOptions<T, DateOnly?> NotBefore<T>(this IRuleBuilder<T, DateOnly?> end, Func<T, DateOnly?> start) =>
        end.Must((item, value) => value is null || start(item) is not { } from || from <= value).WithMessage(EndBeforeStart);

    public static IRuleBuilderOptions<T, string?> HexColor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || (c.Length == 7 && c[0] == '#' && c.Skip(1).All(char.IsAsciiHexDigit))).WithMessage(NotAColor);

    public static IRuleBuilderOptions<T, decimal?> Money<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(m => m is null || (m >= 0 && m <= Project.MaxMoney && decimal.Round(m.Value, 2) == m)).WithMessage(NotMoney);

    public static IRuleBuilderOptions<T, decimal> Weight<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.Must(w => w > 0 && w <= Work.MaxWeight && decimal.Round(w, 4) == w).WithMessage(NotAWeight);

    public static IRuleBuilderOptions<T, decimal> Coefficient<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.Must(c => c >= 0 && c <= 1 && decimal.Round(c, 4) == c).WithMessage(NotACoefficient);

    /// <summary>The name of a file a client sends (attachments, release packages): a name, with more than dots in its last segment.</summary>
    public static IRuleBuilderOptions<T, string> FileName<T>(this IRuleBuilder<T, string> rule) =>
        rule.SafeName(Attachment.FileNameMaxLength).Must(Attachment.IsUsableFileName).WithMessage(NotAFileName);
}

/// <summary>What a request that creates or changes a project carries.</summary>
internal interface IProjectFields
{
    Guid CategoryId { get; }

    Guid? ManagerId { get; }

    string Code { get; }

    string Name { get; }

    string? Description { get; }

    DateOnly? PlannedStart { get; }

    DateOnly? PlannedEnd { get; }

    DateOnly? ActualStart { get; }

    DateOnly? ActualEnd { get; }

    decimal? PlannedBudget { get; }

    decimal? ContractPrice { get; }

    decimal? InProgressCoefficient { get; }
}

internal static class ProjectFields
{
    /// <param name="defaultCoefficient">The workspace's, for a request that sets none.</param>
    public static ProjectDetails ToDetails(this IProjectFields f, decimal defaultCoefficient) => new(
        f.CategoryId, f.ManagerId, f.Code, f.Name, f.Description, f.PlannedStart, f.PlannedEnd, f.ActualStart, f.ActualEnd,
        f.PlannedBudget, f.ContractPrice, f.InProgressCoefficient ?? defaultCoefficient);
}

internal sealed class ProjectFieldsValidator : AbstractValidator<IProjectFields>
{
    public ProjectFieldsValidator()
    {
        RuleFor(f => f.Code).SafeName(Project.CodeMaxLength);
        RuleFor(f => f.Name).SafeName(Project.NameMaxLength);
        // Nested in its command, so the pipeline's check of every string does not reach it: said here.
        RuleFor(f => f.Description).MaximumLength(Project.DescriptionMaxLength).StorableText();
        RuleFor(f => f.PlannedEnd).NotBefore(f => f.PlannedStart);
        RuleFor(f => f.ActualEnd).NotBefore(f => f.ActualStart);
        RuleFor(f => f.PlannedBudget).Money();
        RuleFor(f => f.ContractPrice).Money();
        RuleFor(f => f.InProgressCoefficient ?? 0).Coefficient().OverridePropertyName("inProgressCoefficient");
    }
}

/// <summary>What a request that creates or changes a step or a subtask carries.</summary>
internal interface IWorkFields
{
    string Name { get; }

    WorkStatus Status { get; }

    decimal Weight { get; }

    DateOnly? PlannedStart { get; }

    DateOnly? PlannedEnd { get; }

    DateOnly? ActualStart { get; }

    DateOnly? ActualEnd { get; }
}

internal sealed class WorkFieldsValidator : AbstractValidator<IWorkFields>
{
    public WorkFieldsValidator()
    {
        RuleFor(f => f.Name).SafeName(Work.NameMaxLength);
        RuleFor(f => f.Weight).Weight();
        RuleFor(f => f.PlannedEnd).NotBefore(f => f.PlannedStart);
        RuleFor(f => f.ActualEnd).NotBefore(f => f.ActualStart);
    }
}

/// <summary>Every field of a subtask as a client sends it, to add one or to change one.</summary>
/// <param name="Weight">Its share of the step's progress, above 0 (default 1).</param>
internal sealed record SubtaskFields(
    string Name,
    WorkStatus Status = WorkStatus.todo,
    decimal Weight = 1,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null) : IWorkFields
{
    public WorkDetails ToDetails() => new(Name, null, Status, Weight, PlannedStart, PlannedEnd, ActualStart, ActualEnd, null, null);
}

/// <summary>Every field of a step as a client sends it, to add one or to change one.</summary>
/// <param name="Weight">Its share of the project's progress, above 0 (default 1).</param>
/// <param name="Assignee">Who does it: a name, free text.</param>
/// <param name="AssigneeManagerId">Who does it, when that is a manager of the directory (an active one, unless the step has them already).</param>
internal sealed record StepFields(
    string Name,
    string? Description = null,
    WorkStatus Status = WorkStatus.todo,
    decimal Weight = 1,
    DateOnly? PlannedStart = null,
    DateOnly? PlannedEnd = null,
    DateOnly? ActualStart = null,
    DateOnly? ActualEnd = null,
    string? Assignee = null,
    Guid? AssigneeManagerId = null) : IWorkFields
{
    public WorkDetails ToDetails() => new(Name, Description, Status, Weight, PlannedStart, PlannedEnd, ActualStart, ActualEnd, Assignee, AssigneeManagerId);
}

internal sealed class StepFieldsValidator : AbstractValidator<StepFields>
{
    public StepFieldsValidator()
    {
        Include(new WorkFieldsValidator());
        // Nested in its command, so the pipeline's check of every string does not reach it: said here.
        RuleFor(f => f.Description).MaximumLength(Work.DescriptionMaxLength).StorableText();
        RuleFor(f => f.Assignee).MaximumLength(Work.AssigneeMaxLength).SafeText();
    }
}
