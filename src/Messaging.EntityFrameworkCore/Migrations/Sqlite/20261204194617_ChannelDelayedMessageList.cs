using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelDelayedMessageList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ChnDelayedMessages_TenantId_ChannelId_Status_DeliverAt",
                table: "ChnDelayedMessages",
                columns: new[] { "TenantId", "ChannelId", "Status", "DeliverAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ChnDelayedMessages_TenantId_ChannelId_Status_DeliverAt",
                table: "ChnDelayedMessages");
        }
    }
}
