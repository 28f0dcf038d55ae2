using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class ProjectCover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "cover_attachment_id",
                schema: "projects",
                table: "projects",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_cover_attachment_id",
                schema: "projects",
                table: "projects",
                column: "cover_attachment_id");

            migrationBuilder.AddForeignKey(
                name: "fk_projects_attachments_cover_attachment_id",
                schema: "projects",
                table: "projects",
                column: "cover_attachment_id",
                principalSchema: "projects",
                principalTable: "attachments",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_projects_attachments_cover_attachment_id",
                schema: "projects",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "ix_projects_cover_attachment_id",
                schema: "projects",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "cover_attachment_id",
                schema: "projects",
                table: "projects");
        }
    }
}
