using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ChannelModule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChnChannels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Tags = table.Column<string[]>(type: "text[]", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastMessageAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChnChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChnDelayedMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    PostedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DeliverAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChnDelayedMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChnDelayedQuotas",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Waiting = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChnDelayedQuotas", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "ChnMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    PostedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DelayedMessageId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChnMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChnMessages_ChnChannels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "ChnChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChnChannels_TenantId_CreatedAt",
                table: "ChnChannels",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChnChannels_TenantId_LastMessageAt",
                table: "ChnChannels",
                columns: new[] { "TenantId", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChnChannels_TenantId_Name",
                table: "ChnChannels",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ChnDelayedMessages_ClaimToken",
                table: "ChnDelayedMessages",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_ChnDelayedMessages_FinishedAt",
                table: "ChnDelayedMessages",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ChnDelayedMessages_Status_DeliverAt",
                table: "ChnDelayedMessages",
                columns: new[] { "Status", "DeliverAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChnMessages_ChannelId",
                table: "ChnMessages",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_ChnMessages_DelayedMessageId",
                table: "ChnMessages",
                column: "DelayedMessageId",
                unique: true,
                filter: "\"DelayedMessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ChnMessages_TenantId_ChannelId_Sequence",
                table: "ChnMessages",
                columns: new[] { "TenantId", "ChannelId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChnDelayedMessages");

            migrationBuilder.DropTable(
                name: "ChnDelayedQuotas");

            migrationBuilder.DropTable(
                name: "ChnMessages");

            migrationBuilder.DropTable(
                name: "ChnChannels");
        }
    }
}
