using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class StepSubtaskWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "subtask_done_weight",
                table: "steps",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "subtask_in_progress_weight",
                table: "steps",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "subtask_weight",
                table: "steps",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            // Steps that had subtasks before the sums were kept get them counted once (status 3 is done, 1 in progress).
            migrationBuilder.Sql(
                """
                UPDATE "steps" SET
                    "subtask_weight" = (SELECT printf('%.4f', COALESCE(SUM(CAST("weight" AS REAL)), 0)) FROM "subtasks" WHERE "step_id" = "steps"."id"),
                    "subtask_done_weight" = (SELECT printf('%.4f', COALESCE(SUM(CASE WHEN "status" = 3 THEN CAST("weight" AS REAL) ELSE 0 END), 0)) FROM "subtasks" WHERE "step_id" = "steps"."id"),
                    "subtask_in_progress_weight" = (SELECT printf('%.4f', COALESCE(SUM(CASE WHEN "status" = 1 THEN CAST("weight" AS REAL) ELSE 0 END), 0)) FROM "subtasks" WHERE "step_id" = "steps"."id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "subtask_done_weight",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "subtask_in_progress_weight",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "subtask_weight",
                table: "steps");
        }
    }
}
