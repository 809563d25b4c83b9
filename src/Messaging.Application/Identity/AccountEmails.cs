using Messaging.EmailQueue;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Identity;

/// <summary>Who an account email goes to.</summary>
public sealed record AccountEmailRecipient(Guid UserId, string UserName, string? Email, string? Name);

/// <summary>
/// Sends the links people need for their account as the EmailQueue module's welcome and password-reset events: in the
/// user's tenant, or for a host account as the host's own mail (<see cref="EmailQueueConsts.HostMailTenantId"/>, sent
/// through <c>EmailQueue:HostSmtp</c>). The caller's operation never fails because of mail: a link that cannot be mailed
/// (no address, no public origin, an address the queue refuses) is logged without the link, or with it on the embedded
/// default only.
/// </summary>
public sealed partial class AccountEmails(IEmailEventPublisher publisher, ICurrentTenant currentTenant, IOptions<AccountEmailOptions> options,
    TimeProvider clock, ILogger<AccountEmails> logger)
{
    public Task SendPasswordResetAsync(AccountEmailRecipient user, Guid? tenantId, string? tenantName, string token,
        CancellationToken cancellationToken = default) =>
        SendAsync(user, tenantId, PathAndQuery(AccountPaths.ResetPassword, user, tenantName, token), "password reset", (link, expiresAt) =>
            publisher.PublishPasswordResetAsync(new PasswordResetPayload { To = user.Email, Name = user.Name, ResetUrl = link, ExpiresAt = expiresAt },
                cancellationToken: cancellationToken));

    public Task SendWelcomeAsync(AccountEmailRecipient user, Guid? tenantId, string? tenantName, string emailConfirmationToken,
        CancellationToken cancellationToken = default) =>
        SendAsync(user, tenantId, PathAndQuery(AccountPaths.ConfirmEmail, user, tenantName, emailConfirmationToken), "welcome", (link, _) =>
            publisher.PublishWelcomeAsync(new WelcomePayload { To = user.Email, Name = user.Name ?? user.UserName, ConfirmEmailUrl = link },
                cancellationToken: cancellationToken));

    private async Task SendAsync(AccountEmailRecipient user, Guid? tenantId, string pathAndQuery, string kind,
        Func<string, DateTime, Task<EmailEventAcceptedDto>> publish)
    {
        var link = options.Value.PublicOrigin is { } origin ? origin.AbsoluteUri.TrimEnd('/') + pathAndQuery : null;
        var unsendable = user.Email is null ? "the account has no email address"
            : link is null ? "Identity:PublicOrigin is not set"
            : null;
        if (unsendable is null)
        {
            try
            {
                using (currentTenant.Change(tenantId ?? EmailQueueConsts.HostMailTenantId))
                {
                    await publish(link!, clock.GetUtcNow().UtcDateTime + options.Value.TokenLifetime);
                }

                return;
            }
            catch (InputValidationException refused)
            {
                unsendable = "the email queue refused it: " + string.Join(" ", refused.Errors.SelectMany(error => error.Value));
            }
            catch (MessagingException refused)
            {
                unsendable = "the email queue refused it: " + refused.Message;
            }
        }

        if (options.Value.LogLinksThatCannotBeMailed)
        {
            LogLink(kind, user.UserName, unsendable, link ?? pathAndQuery);
        }
        else
        {
            LogNotSent(kind, user.UserName, unsendable);
        }
    }

    private static string PathAndQuery(string path, AccountEmailRecipient user, string? tenantName, string token) =>
        $"{path}?tenant={Uri.EscapeDataString(tenantName ?? "")}&userId={user.UserId}&token={Uri.EscapeDataString(token)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {EmailKind} email for {UserName} is not sent ({Reason}); its link: {AccountLink}")]
    private partial void LogLink(string emailKind, string userName, string reason, string accountLink);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {EmailKind} email for {UserName} is not sent: {Reason}")]
    private partial void LogNotSent(string emailKind, string userName, string reason);
}
