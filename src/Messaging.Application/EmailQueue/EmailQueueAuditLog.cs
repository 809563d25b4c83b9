using System.Text.Json;
using Messaging.Json;
using Messaging.Users;

namespace Messaging.EmailQueue;

/// <summary>
/// The tenant's record of what its admins changed in the email queue (rules, workers, dead-letter replays and purges),
/// each with the API key or user that did it; a change is recorded in its own unit of work.
/// </summary>
public sealed class EmailQueueAuditLog(IEmailQueueAuditRepository audits, ICurrentUser currentUser, TimeProvider clock)
{
    // The wire's format, enums by name: an entry is read as the API answers it.
    private static readonly JsonSerializerOptions Json = MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public void Record(Guid tenantId, string subject, Guid? subjectId, EmailQueueAuditChange change, object? state, int? count = null) =>
        audits.Add(new EmailQueueAudit(Guid.CreateVersion7(), tenantId, subject, subjectId, change, currentUser.Id, currentUser.Name,
            state is null ? null : JsonSerializer.Serialize(state, state.GetType(), Json), count, clock.GetUtcNow().UtcDateTime));

    public Task<(int Total, IReadOnlyList<EmailQueueAudit> Page)> ListAsync(IReadOnlyCollection<string> subjects, int skip, int take,
        CancellationToken cancellationToken) =>
        audits.ListAsync(subjects, skip, take, cancellationToken);
}
