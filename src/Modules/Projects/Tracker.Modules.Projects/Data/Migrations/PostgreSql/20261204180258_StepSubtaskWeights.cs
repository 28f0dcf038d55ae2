using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class StepSubtaskWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "subtask_done_weight",
                schema: "projects",
                table: "steps",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "subtask_in_progress_weight",
                schema: "projects",
                table: "steps",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "subtask_weight",
                schema: "projects",
                table: "steps",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            // Steps that had subtasks before the sums were kept get them counted once (status 3 is done, 1 in progress).
            migrationBuilder.Sql(
                """
                UPDATE projects.steps AS s SET
                    subtask_weight = t.total, subtask_done_weight = t.done, subtask_in_progress_weight = t.in_progress
                FROM (SELECT step_id, SUM(weight) AS total,
                             SUM(CASE WHEN status = 3 THEN weight ELSE 0 END) AS done,
                             SUM(CASE WHEN status = 1 THEN weight ELSE 0 END) AS in_progress
                      FROM projects.subtasks GROUP BY step_id) AS t
                WHERE t.step_id = s.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "subtask_done_weight",
                schema: "projects",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "subtask_in_progress_weight",
                schema: "projects",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "subtask_weight",
                schema: "projects",
                table: "steps");
        }
    }
}
