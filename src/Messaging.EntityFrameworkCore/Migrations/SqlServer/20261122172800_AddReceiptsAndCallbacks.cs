using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ReceiptId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderStatus = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MsgProcessedReceipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MsgStatusCallbacks",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SecretCreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
