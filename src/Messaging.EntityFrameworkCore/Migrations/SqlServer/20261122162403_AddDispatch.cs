using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DispatchAttempts",
                table: "MsgMessages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "DispatchClaimToken",
                table: "MsgMessages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DispatchClaimedUntil",
                table: "MsgMessages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DispatchRank",
                table: "MsgMessages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureCode",
                table: "MsgMessages",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "MsgMessages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderMessageId",
                table: "MsgMessages",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderName",
                table: "MsgMessages",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_ProviderName_ProviderMessageId",
                table: "MsgMessages",
                columns: new[] { "ProviderName", "ProviderMessageId" },
                unique: true,
                filter: "[ProviderMessageId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MsgMessages_Status_DispatchRank",
                table: "MsgMessages",
                columns: new[] { "Status", "DispatchRank" });

            // Messages queued before dispatch existed keep their place: their rank is when they were queued.
            migrationBuilder.Sql("UPDATE \"MsgMessages\" SET \"DispatchRank\" = \"StatusChangedAt\" WHERE \"Status\" = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_ProviderName_ProviderMessageId",
                table: "MsgMessages");

            migrationBuilder.DropIndex(
                name: "IX_MsgMessages_Status_DispatchRank",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "DispatchAttempts",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "DispatchClaimToken",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "DispatchClaimedUntil",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "DispatchRank",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "FailureCode",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "ProviderMessageId",
                table: "MsgMessages");

            migrationBuilder.DropColumn(
                name: "ProviderName",
                table: "MsgMessages");
        }
    }
}
