using Tracker.Modules.Projects.Domain;
using Tracker.Modules.Projects.Features.Shared.Office;

namespace Tracker.Modules.Projects.Features.GetKpi;

/// <summary>The KPI report as a workbook: one sheet, a row per category and the total last, the same figures as the JSON.</summary>
internal static class KpiWorkbook
{
    public static OfficeFile Of(KpiReport report)
    {
        var format = ExportFormat.Of(report.Locale, report.Currency);
        SheetColumn[] columns =
        [
            new("Category", CellKind.Text, 30),
            new("Projects", CellKind.Integer, 10),
            new("Active", CellKind.Integer, 10),
            new("Archived", CellKind.Integer, 10),
            new("Average progress", CellKind.Percent, 12),
            new("Steps to do", CellKind.Integer, 10),
            new("Steps in progress", CellKind.Integer, 10),
            new("Steps blocked", CellKind.Integer, 10),
            new("Steps done", CellKind.Integer, 10),
            new("Overdue steps", CellKind.Integer, 10),
            new("Overdue projects", CellKind.Integer, 10),
            new("On-time rate", CellKind.Percent, 12),
            new($"Planned budget, {report.Currency}", CellKind.Money, 18),
            new($"Contract price, {report.Currency}", CellKind.Money, 18),
            new("As of", CellKind.Date, 12),
        ];
        var rows = report.Categories.Select(c => Row(c.Name, c.Figures, report.AsOf))
            .Append(Row("Total", report.Total, report.AsOf));
        return new OfficeFile(
            $"kpi-{FileNames.Day(report.AsOf)}.xlsx",
            OfficeFile.Xlsx,
            Spreadsheets.Write(format, [new SheetTable("KPI", columns, rows)]));
    }

    private static object?[] Row(string name, KpiFigures f, DateOnly asOf) =>
    [
        name, f.Projects, f.ActiveProjects, f.ArchivedProjects, f.AverageProgress,
        f.Steps.Todo, f.Steps.InProgress, f.Steps.Blocked, f.Steps.Done, f.OverdueSteps, f.OverdueProjects, f.OnTimeRate,
        f.PlannedBudget, f.ContractPrice, asOf,
    ];
}
