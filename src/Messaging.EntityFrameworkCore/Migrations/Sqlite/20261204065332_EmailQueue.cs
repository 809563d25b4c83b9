using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmlEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    AttemptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SpentAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastErrorClass = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastReplyCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastEnhancedCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmlEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EmlSmtpSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    TlsMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    From = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmlSmtpSettings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "EmlSuppressions",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    EmailEventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmlSuppressions", x => new { x.TenantId, x.Address });
                });

            migrationBuilder.CreateTable(
                name: "EmlAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailEventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorClass = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReplyCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EnhancedCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ServerAnswer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmlAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmlAttempts_EmlEvents_EmailEventId",
                        column: x => x.EmailEventId,
                        principalTable: "EmlEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmlAttempts_EmailEventId",
                table: "EmlAttempts",
                column: "EmailEventId");

            migrationBuilder.CreateIndex(
                name: "IX_EmlEvents_ClaimToken",
                table: "EmlEvents",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_EmlEvents_Status_DueAt",
                table: "EmlEvents",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmlEvents_TenantId_IdempotencyKey",
                table: "EmlEvents",
                columns: new[] { "TenantId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EmlEvents_TenantId_Status_CompletedAt",
                table: "EmlEvents",
                columns: new[] { "TenantId", "Status", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmlAttempts");

            migrationBuilder.DropTable(
                name: "EmlSmtpSettings");

            migrationBuilder.DropTable(
                name: "EmlSuppressions");

            migrationBuilder.DropTable(
                name: "EmlEvents");
        }
    }
}
