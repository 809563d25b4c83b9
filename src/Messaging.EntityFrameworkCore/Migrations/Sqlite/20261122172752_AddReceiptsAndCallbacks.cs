using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReceiptsAndCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MsgProcessedReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceiptId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MsgProcessedReceipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MsgStatusCallbacks",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SecretCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MsgStatusCallbacks", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MsgProcessedReceipts_ProcessedAt",
                table: "MsgProcessedReceipts",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MsgProcessedReceipts_TenantId_Provider_ReceiptId",
                table: "MsgProcessedReceipts",
                columns: new[] { "TenantId", "Provider", "ReceiptId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MsgProcessedReceipts");

            migrationBuilder.DropTable(
                name: "MsgStatusCallbacks");
        }
    }
}
