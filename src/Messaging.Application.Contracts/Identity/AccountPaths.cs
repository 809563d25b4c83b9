namespace Messaging.Identity;

/// <summary>The host's account pages that links in account emails lead to.</summary>
public static class AccountPaths
{
    public const string ResetPassword = "/account/reset-password";

    public const string ConfirmEmail = "/account/confirm-email";
}
