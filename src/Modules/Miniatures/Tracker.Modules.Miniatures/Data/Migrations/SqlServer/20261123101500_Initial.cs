using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tracker.Modules.Miniatures.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "miniatures");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "miniatures",
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
                name: "miniature_types",
                schema: "miniatures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    normalized_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_miniature_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "miniatures",
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
                name: "history_entries",
                schema: "miniatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    type_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    from_stage = table.Column<short>(type: "smallint", nullable: true),
                    to_stage = table.Column<short>(type: "smallint", nullable: false),
                    qty = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_entries", x => x.id);
                    table.CheckConstraint("ck_history_entries_forward", "from_stage IS NULL OR from_stage < to_stage");
                    table.CheckConstraint("ck_history_entries_qty", "qty > 0");
                    table.ForeignKey(
                        name: "fk_history_entries_miniature_types_type_id",
                        column: x => x.type_id,
                        principalSchema: "miniatures",
                        principalTable: "miniature_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stage_counts",
                schema: "miniatures",
                columns: table => new
                {
                    type_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    stage = table.Column<short>(type: "smallint", nullable: false),
                    count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_counts", x => new { x.type_id, x.stage });
                    table.CheckConstraint("ck_stage_counts_count", "count >= 0");
                    table.CheckConstraint("ck_stage_counts_stage", "stage BETWEEN 0 AND 4");
                    table.ForeignKey(
                        name: "fk_stage_counts_miniature_types_type_id",
                        column: x => x.type_id,
                        principalSchema: "miniatures",
                        principalTable: "miniature_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_history_entries_created_at_id",
                schema: "miniatures",
                table: "history_entries",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_history_entries_type_id_created_at_id",
                schema: "miniatures",
                table: "history_entries",
                columns: new[] { "type_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_miniature_types_normalized_name",
                schema: "miniatures",
                table: "miniature_types",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at_parked_at_next_attempt_at",
                schema: "miniatures",
                table: "outbox_messages",
                columns: new[] { "processed_at", "parked_at", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "history_entries",
                schema: "miniatures");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "miniatures");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "miniatures");

            migrationBuilder.DropTable(
                name: "stage_counts",
                schema: "miniatures");

            migrationBuilder.DropTable(
                name: "miniature_types",
                schema: "miniatures");
        }
    }
}
