using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IdRoles_NormalizedName",
                table: "IdRoles");

            migrationBuilder.AddColumn<Guid>(
                name: "TenantId",
                table: "IdRoles",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdRoles_TenantId_NormalizedName",
                table: "IdRoles",
                columns: new[] { "TenantId", "NormalizedName" },
                unique: true,
                filter: "[TenantId] IS NOT NULL AND [NormalizedName] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IdRoles_TenantId_NormalizedName",
                table: "IdRoles");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "IdRoles");

            migrationBuilder.CreateIndex(
                name: "IX_IdRoles_NormalizedName",
                table: "IdRoles",
                column: "NormalizedName",
                unique: true,
                filter: "[NormalizedName] IS NOT NULL");
        }
    }
}
