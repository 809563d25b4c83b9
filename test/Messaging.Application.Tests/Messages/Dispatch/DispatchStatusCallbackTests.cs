using Messaging.BackgroundJobs;
using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.Messages.Dispatch;

/// <summary>The dispatcher tells tenants with a status callback what became of their messages, in the same commit.</summary>
public class DispatchStatusCallbackTests
{
    [Fact]
    public async Task SentAndFailedMessages_RaiseStatusEvents_OnlyForTenantsWithACallback()
    {
        var sender = new ScriptedSender { Answer = message => message.Content == "reject" ? SendResult.Permanent("21211", "invalid number") : SendResult.Sent($"p-{message.MessageId:N}") };
        var circuits = Substitute.For<ICircuitBreaker>();
        circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);
        var jobs = new RecordingJobManager();
        await using var harness = await GroupCommitHarness.StartAsync(replace: services =>
        {
            services
                .AddSingleton<IMessageSender>(sender)
                .AddSingleton<IProviderEndpointResolver>(new SingleProviderResolver(sender.Provider))
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(circuits)
                .AddSingleton<IBackgroundJobManager>(jobs)
                .AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        });
        var (withCallback, without) = (Guid.NewGuid(), Guid.NewGuid());
        await harness.InScopeAsync(async services =>
        {
            using var tenant = harness.CurrentTenant.Change(withCallback);
            return await services.GetRequiredService<IMessageCallbackAppService>().SetAsync(new SetMessageCallbackDto { Url = "https://a.example.com/status" });
        });
        var sent = TestMessages.Sms(withCallback, "hello");
        var rejected = TestMessages.Sms(withCallback, "reject");
        var other = TestMessages.Sms(without, "hello");
        foreach (var message in new[] { sent, rejected, other })
        {
            await harness.IngestAsync(message);
        }

        await harness.StartRelayAsync();
        await Eventually.TrueAsync(async () => await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
            .IgnoreQueryFilters().CountAsync(m => m.Status == MessageStatus.Queued)) == 3, TimeSpan.FromSeconds(20), "the messages are queued");

        (await harness.Services.GetRequiredService<MessageDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBe(3);

        await Eventually.TrueAsync(() => Task.FromResult(jobs.Jobs.Count == 2), TimeSpan.FromSeconds(20), "both status events reach their handler");
        var callbacks = jobs.Jobs.Select(job => (DeliverStatusCallbackArgs)job.Args).ToList();
        callbacks.ShouldAllBe(args => args.TenantId == withCallback);
        callbacks.Single(args => args.MessageId == sent.Id).Status.ShouldBe(MessageStatus.Sent);
        callbacks.Single(args => args.MessageId == sent.Id).ProviderMessageId.ShouldBe($"p-{sent.Id:N}");
        var failed = callbacks.Single(args => args.MessageId == rejected.Id);
        failed.Status.ShouldBe(MessageStatus.Failed);
        failed.FailureCode.ShouldBe("21211");
    }
}
