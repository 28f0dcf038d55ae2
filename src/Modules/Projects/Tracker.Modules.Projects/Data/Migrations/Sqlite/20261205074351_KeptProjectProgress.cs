using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class KeptProjectProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "project_progress",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    counted_at = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    weight_units = table.Column<long>(type: "INTEGER", nullable: false),
                    weighted_units = table.Column<long>(type: "INTEGER", nullable: false),
                    step_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_progress", x => x.project_id);
                    table.CheckConstraint("ck_project_progress_sums", "step_count >= 0 AND weight_units >= 0 AND weighted_units >= 0 AND weighted_units <= weight_units * 10000");
                    table.ForeignKey(
                        name: "fk_project_progress_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "project_progress");
        }
    }
}
