using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopeProviderMessageIdToTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_ProviderName_ProviderMessageId",
                table: "MsgMessages");

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_ProviderName_TenantId_ProviderMessageId",
                table: "MsgMessages",
                columns: new[] { "ProviderName", "TenantId", "ProviderMessageId" },
                unique: true,
                filter: "\"ProviderMessageId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_ProviderName_TenantId_ProviderMessageId",
                table: "MsgMessages");

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_ProviderName_ProviderMessageId",
                table: "MsgMessages",
                columns: new[] { "ProviderName", "ProviderMessageId" },
                unique: true,
                filter: "\"ProviderMessageId\" IS NOT NULL");
        }
    }
}
