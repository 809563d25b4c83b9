using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Messaging.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTenantRateLimitOverride : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RateLimitBurstLimit",
                table: "TmTenants",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RateLimitConcurrentRequests",
                table: "TmTenants",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RateLimitRequestsPerMinute",
                table: "TmTenants",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RateLimitBurstLimit",
                table: "TmTenants");

            migrationBuilder.DropColumn(
                name: "RateLimitConcurrentRequests",
                table: "TmTenants");

            migrationBuilder.DropColumn(
                name: "RateLimitRequestsPerMinute",
                table: "TmTenants");
        }
    }
}
