namespace Messaging.Identity;

/// <summary>What a security log entry records.</summary>
public enum SecurityLogAction
{
    SignedIn,
    SignInFailed,
    LockedOut,
    PasswordChanged,
    UserCreated,
    UserChanged,
    UserDeleted,
    TwoFactorEnabled,
    TwoFactorDisabled,
    PasswordReset,
    SignedOut,
    EmailConfirmed,
    RoleChanged,
    RoleDeleted,
    PermissionsChanged,
    ClientCreated,
    ClientChanged,
    ClientSecretRotated,
    ClientDeleted,
    RecoveryCodesGenerated,
    RecoveryCodeUsed
}
