namespace Messaging.EntityFrameworkCore.Identity;

public static class IdentityDbProperties
{
    public const string DbTablePrefix = "Id";
    public const string UsersTable = DbTablePrefix + "Users";
    public const string RolesTable = DbTablePrefix + "Roles";
    public const string UserRolesTable = DbTablePrefix + "UserRoles";
    public const string UserClaimsTable = DbTablePrefix + "UserClaims";
    public const string UserLoginsTable = DbTablePrefix + "UserLogins";
    public const string UserTokensTable = DbTablePrefix + "UserTokens";
    public const string RoleClaimsTable = DbTablePrefix + "RoleClaims";
    public const string ApplicationsTable = DbTablePrefix + "Applications";
    public const string AuthorizationsTable = DbTablePrefix + "Authorizations";
    public const string ScopesTable = DbTablePrefix + "Scopes";
    public const string TokensTable = DbTablePrefix + "Tokens";
    public const string SecurityLogsTable = DbTablePrefix + "SecurityLogs";
}
