using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class StepAssigneeManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "assignee_manager_id",
                table: "steps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_steps_assignee_manager_id",
                table: "steps",
                column: "assignee_manager_id");

            migrationBuilder.AddForeignKey(
                name: "fk_steps_managers_assignee_manager_id",
                table: "steps",
                column: "assignee_manager_id",
                principalTable: "managers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_steps_managers_assignee_manager_id",
                table: "steps");

            migrationBuilder.DropIndex(
                name: "ix_steps_assignee_manager_id",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "assignee_manager_id",
                table: "steps");
        }
    }
}
