using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Projects.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "projects");

            migrationBuilder.CreateTable(
                name: "categories",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    normalized_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    color = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: true),
                    sort_order = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                    table.CheckConstraint("ck_categories_name", "name <> ''");
                });

            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                schema: "projects",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    idempotency_key = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    owner = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    locked_until = table.Column<DateTime>(type: "datetime2", nullable: false),
                    expires_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    completed_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    status_code = table.Column<int>(type: "int", nullable: true),
                    response_headers = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    response_body = table.Column<byte[]>(type: "varbinary(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotent_requests", x => new { x.user_id, x.idempotency_key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "projects",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    consumer = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.event_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "managers",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    is_active = table.Column<bool>(type: "bit", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_managers", x => x.id);
                    table.CheckConstraint("ck_managers_name", "name <> ''");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    type = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    trace_parent = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    processed_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    parked_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workspace",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    locale = table.Column<string>(type: "nvarchar(35)", maxLength: 35, nullable: false),
                    default_in_progress_coefficient = table.Column<decimal>(type: "decimal(5,4)", precision: 5, scale: 4, nullable: false),
                    max_attachment_bytes = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace", x => x.id);
                    table.CheckConstraint("ck_workspace_coefficient", "CAST(default_in_progress_coefficient AS REAL) BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_workspace_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "projects",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    category_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    manager_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    code = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    normalized_code = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_start = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_end = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_budget = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    contract_price = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    in_progress_coefficient = table.Column<decimal>(type: "decimal(5,4)", precision: 5, scale: 4, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.CheckConstraint("ck_projects_code", "code <> ''");
                    table.CheckConstraint("ck_projects_coefficient", "CAST(in_progress_coefficient AS REAL) BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_projects_name", "name <> ''");
                    table.CheckConstraint("ck_projects_status", "status BETWEEN 0 AND 1");
                    table.ForeignKey(
                        name: "fk_projects_categories_category_id",
                        column: x => x.category_id,
                        principalSchema: "projects",
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_projects_managers_manager_id",
                        column: x => x.manager_id,
                        principalSchema: "projects",
                        principalTable: "managers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "characteristics",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    project_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    position = table.Column<int>(type: "int", nullable: false),
                    parameter = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    value = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    unit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_characteristics", x => x.id);
                    table.CheckConstraint("ck_characteristics_parameter", "parameter <> ''");
                    table.ForeignKey(
                        name: "fk_characteristics_projects_project_id",
                        column: x => x.project_id,
                        principalSchema: "projects",
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "steps",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    project_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    assignee = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    weight = table.Column<decimal>(type: "decimal(12,4)", precision: 12, scale: 4, nullable: false),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_start = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_end = table.Column<DateOnly>(type: "date", nullable: true),
                    position = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steps", x => x.id);
                    table.CheckConstraint("ck_steps_name", "name <> ''");
                    table.CheckConstraint("ck_steps_position", "position >= 0");
                    table.CheckConstraint("ck_steps_status", "status BETWEEN 0 AND 3");
                    table.CheckConstraint("ck_steps_weight", "CAST(weight AS REAL) > 0");
                    table.ForeignKey(
                        name: "fk_steps_projects_project_id",
                        column: x => x.project_id,
                        principalSchema: "projects",
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "step_comments",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    author_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    author_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_step_comments", x => x.id);
                    table.CheckConstraint("ck_step_comments_text", "text <> ''");
                    table.ForeignKey(
                        name: "fk_step_comments_steps_step_id",
                        column: x => x.step_id,
                        principalSchema: "projects",
                        principalTable: "steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subtasks",
                schema: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    weight = table.Column<decimal>(type: "decimal(12,4)", precision: 12, scale: 4, nullable: false),
                    planned_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_start = table.Column<DateOnly>(type: "date", nullable: true),
                    actual_end = table.Column<DateOnly>(type: "date", nullable: true),
                    position = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subtasks", x => x.id);
                    table.CheckConstraint("ck_subtasks_name", "name <> ''");
                    table.CheckConstraint("ck_subtasks_position", "position >= 0");
                    table.CheckConstraint("ck_subtasks_status", "status BETWEEN 0 AND 3");
                    table.CheckConstraint("ck_subtasks_weight", "CAST(weight AS REAL) > 0");
                    table.ForeignKey(
                        name: "fk_subtasks_steps_step_id",
                        column: x => x.step_id,
                        principalSchema: "projects",
                        principalTable: "steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_categories_normalized_name",
                schema: "projects",
                table: "categories",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_categories_sort_order_normalized_name",
                schema: "projects",
                table: "categories",
                columns: new[] { "sort_order", "normalized_name" });

            migrationBuilder.CreateIndex(
                name: "ix_characteristics_project_id_position",
                schema: "projects",
                table: "characteristics",
                columns: new[] { "project_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotent_requests_expires_at",
                schema: "projects",
                table: "idempotent_requests",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_managers_name_id",
                schema: "projects",
                table: "managers",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_parked_at_next_attempt_at",
                schema: "projects",
                table: "outbox_messages",
                columns: new[] { "processed_at", "parked_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_category_id_normalized_code",
                schema: "projects",
                table: "projects",
                columns: new[] { "category_id", "normalized_code" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_manager_id",
                schema: "projects",
                table: "projects",
                column: "manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_normalized_code",
                schema: "projects",
                table: "projects",
                column: "normalized_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_step_comments_step_id_created_at_id",
                schema: "projects",
                table: "step_comments",
                columns: new[] { "step_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_steps_project_id_position",
                schema: "projects",
                table: "steps",
                columns: new[] { "project_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_subtasks_step_id_position",
                schema: "projects",
                table: "subtasks",
                columns: new[] { "step_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "characteristics",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "idempotent_requests",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "step_comments",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "subtasks",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "workspace",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "steps",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "projects",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "categories",
                schema: "projects");

            migrationBuilder.DropTable(
                name: "managers",
                schema: "projects");
        }
    }
}
