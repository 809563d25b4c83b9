using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddActivityFeedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_TenantId_AcceptedAt",
                table: "MsgMessages");

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_TenantId_AcceptedAt_Id",
                table: "MsgMessages",
                columns: new[] { "TenantId", "AcceptedAt", "Id" },
                descending: new[] { false, true, true })
                .Annotation("SqlServer:Include", new[] { "Status", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_TenantId_Recipient_AcceptedAt_Id",
                table: "MsgMessages",
                columns: new[] { "TenantId", "Recipient", "AcceptedAt", "Id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_TenantId_Status_AcceptedAt_Id",
                table: "MsgMessages",
                columns: new[] { "TenantId", "Status", "AcceptedAt", "Id" },
                descending: new[] { false, false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_TenantId_AcceptedAt_Id",
                table: "MsgMessages");

            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_TenantId_Recipient_AcceptedAt_Id",
                table: "MsgMessages");

            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_TenantId_Status_AcceptedAt_Id",
                table: "MsgMessages");

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_TenantId_AcceptedAt",
                table: "MsgMessages",
                columns: new[] { "TenantId", "AcceptedAt" });
        }
    }
}
