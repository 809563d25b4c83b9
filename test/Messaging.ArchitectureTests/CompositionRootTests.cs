using System.Text.RegularExpressions;
using Messaging.Attachment;
using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Messaging.Channel;
using Messaging.EmailQueue;
using Messaging.EmailQueue.Delivery;
using Messaging.EmailQueue.Inbound;
using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.Identity;
using Messaging.Messages;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Dispatch;
using Messaging.Messages.Ingestion;
using Messaging.Security;
using Messaging.ServerSentEvents;
using Messaging.TenantManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Messaging.ArchitectureTests;

/// <summary>Each module registers itself in every layer; the host's Program.cs only lists the modules.</summary>
public class CompositionRootTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder().Build();
    private static readonly HostRoles All = new(AcceptsRequests: true, RunsJobs: true);
    private static readonly HostRoles Api = new(AcceptsRequests: true, RunsJobs: false);
    private static readonly HostRoles Worker = new(AcceptsRequests: false, RunsJobs: true);

    private static readonly string[] ModuleNamespaces =
    [
        "Messaging.Messages", "Messaging.TenantManagement", "Messaging.Identity", "Messaging.EmailQueue", "Messaging.Attachment", "Messaging.Channel",
        "Messaging.EntityFrameworkCore.Messages", "Messaging.EntityFrameworkCore.TenantManagement", "Messaging.EntityFrameworkCore.Identity",
        "Messaging.EntityFrameworkCore.EmailQueue", "Messaging.EntityFrameworkCore.Attachment", "Messaging.EntityFrameworkCore.Channel",
        "Messaging.Infrastructure.Messages", "Messaging.Infrastructure.TenantManagement", "Messaging.Infrastructure.Identity",
        "Messaging.Infrastructure.EmailQueue", "Messaging.Infrastructure.Attachment"
    ];

    [Fact]
    public void MessagesModule_AddsItsServicesInEveryLayer()
    {
        var services = new ServiceCollection().AddMessagesModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(IMessageAppService));
        services.ShouldContain(service => service.ServiceType == typeof(IMessageRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IMessageBatchStore));
        services.ShouldContain(service => service.ServiceType == typeof(IStatusCallbackSender));
        services.ShouldNotContain(service => service.ServiceType == typeof(ITenantAppService));
        services.ShouldNotContain(service => service.ServiceType == typeof(ITenantRepository));
    }

    [Fact]
    public void MessagesModule_RunsItsWorkersByRole()
    {
        HostedServicesOf(new ServiceCollection().AddMessagesModule(Configuration, All))
            .ShouldBe([typeof(NoOpIngestionGuard), typeof(TenantCacheEvictionListener), typeof(GroupCommitWriter), typeof(MessageDispatchWorker), typeof(StatusCallbackDeliveryWorker)],
                ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddMessagesModule(Configuration, Api))
            .ShouldBe([typeof(NoOpIngestionGuard), typeof(TenantCacheEvictionListener), typeof(GroupCommitWriter)], ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddMessagesModule(Configuration, Worker))
            .ShouldBe([typeof(NoOpIngestionGuard), typeof(TenantCacheEvictionListener), typeof(MessageDispatchWorker), typeof(StatusCallbackDeliveryWorker)], ignoreOrder: true);
    }

    [Fact]
    public void MessagesModule_ContributesItsRecurringJobsAndReadinessChecks()
    {
        var services = new ServiceCollection().AddMessagesModule(Configuration, All);

        services.Where(service => service.ServiceType == typeof(RecurringJob))
            .Select(service => ((RecurringJob)service.ImplementationInstance!).Id)
            .ShouldBe(["messages.expire-idempotency-keys", "messages.republish-stuck-accepted", "messages.expire-processed-receipts"],
                ignoreOrder: true);
        ReadinessChecksOf(services).ShouldBe(["message-buffer", "runtime-settings"], ignoreOrder: true);
    }

    [Fact]
    public void TenantManagementModule_AddsItsServicesAndRunsItsKeyWorkersOnlyWhereRequestsArrive()
    {
        var services = new ServiceCollection().AddTenantManagementModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(ITenantAppService));
        services.ShouldContain(service => service.ServiceType == typeof(ITenantRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IApiKeyRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IDataSeedContributor));
        services.ShouldNotContain(service => service.ServiceType == typeof(IMessageAppService));
        services.ShouldNotContain(service => service.ServiceType == typeof(RecurringJob));
        HostedServicesOf(services).ShouldBe([typeof(ApiKeyUsageFlusher), typeof(ApiKeyEvictionListener), typeof(TenantCacheEvictionListener)], ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddTenantManagementModule(Configuration, Worker)).ShouldBe([typeof(TenantCacheEvictionListener)]);
    }

    [Fact]
    public void IdentityModule_AddsAccountsTheSignInServerAndTheBearerScheme()
    {
        var services = new ServiceCollection().AddIdentityModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(UserManager<IdentityUserAccount>));
        services.ShouldContain(service => service.ServiceType == typeof(SignInManager<IdentityUserAccount>));
        services.ShouldContain(service => service.ServiceType == typeof(IOpenIddictApplicationManager));
        services.ShouldContain(service => service.ServiceType == typeof(StaticRolePermissions));
        services.ShouldContain(service => service.ServiceType == typeof(ITenantRoleStore));
        services.Where(service => service.ServiceType == typeof(IDataSeedContributor)).Select(service => service.ImplementationType)
            .ShouldBe([typeof(IdentityDataSeeder), typeof(OpenIddictClientSeeder)], ignoreOrder: true);
        services.Where(service => service.ImplementationInstance is PermissionDefinition).Select(service => ((PermissionDefinition)service.ImplementationInstance!).Name)
            .ShouldBe(IdentityPermissions.All.Select(permission => permission.Name));
        services.ShouldNotContain(service => service.ServiceType == typeof(ITenantAppService));
        HostedServicesOf(services).ShouldBe([typeof(TenantCacheEvictionListener)], "role grants are cached per instance");
    }

    [Fact]
    public void EmailQueueModule_AddsItsServicesInEveryLayer()
    {
        var services = new ServiceCollection().AddEmailQueueModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(IEmailEventPublisher));
        services.ShouldContain(service => service.ServiceType == typeof(IEmailEventAppService));
        services.ShouldContain(service => service.ServiceType == typeof(IEmailEventRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IEmailDeliveryStore));
        services.ShouldContain(service => service.ServiceType == typeof(IEmailTransport));
        services.ShouldContain(service => service.ServiceType == typeof(IEmailDeadLetterAppService));
        services.ShouldNotContain(service => service.ServiceType == typeof(IMessageAppService));
        services.ShouldNotContain(service => service.ServiceType == typeof(ITenantRepository));
        ReadinessChecksOf(services).ShouldBe(["email-queue", "email-inbound"]);
        services.Where(service => service.ServiceType == typeof(RecurringJob))
            .Select(service => ((RecurringJob)service.ImplementationInstance!).Id)
            .ShouldBe(["email-queue.expire-finished-events", "email-queue.expire-dead-letters", "email-queue.expire-inbound-emails"]);
        services.ShouldContain(service => service.ServiceType == typeof(IInboundWebhookAppService));
        services.ShouldContain(service => service.ServiceType == typeof(IInboundBatchWriter));
    }

    [Fact]
    public void AttachmentModule_AddsItsServicesInEveryLayer()
    {
        var services = new ServiceCollection().AddAttachmentModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(IAttachmentAppService));
        services.ShouldContain(service => service.ServiceType == typeof(IAttachmentRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IAttachmentQueueStore));
        services.ShouldContain(service => service.ServiceType == typeof(IBlobStore));
        services.Count(service => service.ServiceType == typeof(IAttachmentProcessor)).ShouldBe(4);
        services.ShouldNotContain(service => service.ServiceType == typeof(IEmailEventAppService));
        ReadinessChecksOf(services).ShouldBe(["attachment"]);
        services.Where(service => service.ServiceType == typeof(RecurringJob))
            .Select(service => ((RecurringJob)service.ImplementationInstance!).Id)
            .ShouldBe(["attachment.sweep-orphans"]);
    }

    [Fact]
    public void AttachmentModule_ProcessesOnlyWhereJobsRun()
    {
        HostedServicesOf(new ServiceCollection().AddAttachmentModule(Configuration, Worker)).ShouldContain(typeof(AttachmentWorker));
        HostedServicesOf(new ServiceCollection().AddAttachmentModule(Configuration, Api)).ShouldNotContain(typeof(AttachmentWorker));
    }

    [Fact]
    public void ChannelModule_AddsItsServicesInEveryLayer_AndTheSseHubOnce()
    {
        var services = new ServiceCollection().AddChannelModule(Configuration, All).AddChannelModule(Configuration, All);

        services.ShouldContain(service => service.ServiceType == typeof(IChannelAppService));
        services.ShouldContain(service => service.ServiceType == typeof(IChannelRepository));
        services.ShouldContain(service => service.ServiceType == typeof(IDelayedMessageStore));
        services.ShouldContain(service => service.ServiceType == typeof(IScopedAccessTokens));
        services.Count(service => service.ServiceType == typeof(ServerSentEventHub)).ShouldBe(1);
        services.Where(service => service.ServiceType == typeof(PermissionDefinition)).Select(service => ((PermissionDefinition)service.ImplementationInstance!).Name)
            .Distinct().ShouldBe(ChannelPermissions.All.Select(permission => permission.Name));
        services.Where(service => service.ServiceType == typeof(RecurringJob))
            .Select(service => ((RecurringJob)service.ImplementationInstance!).Id)
            .Distinct().ShouldBe([CleanupDelayedMessagesJob.RecurringJobId]);
    }

    [Fact]
    public void ChannelModule_DeliversDelayedMessagesOnlyWhereJobsRun_AndServesStreamsEverywhere()
    {
        HostedServicesOf(new ServiceCollection().AddChannelModule(Configuration, Worker))
            .ShouldBe([typeof(ServerSentEventService), typeof(TenantCacheEvictionListener), typeof(DelayedMessageWorker)], ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddChannelModule(Configuration, Api))
            .ShouldBe([typeof(ServerSentEventService), typeof(TenantCacheEvictionListener)], ignoreOrder: true);
    }

    [Fact]
    public void EmailQueueModule_DeliversOnlyWhereJobsRun()
    {
        // Every instance renders or changes tenants' templates, so every one hears the template cache's evictions.
        HostedServicesOf(new ServiceCollection().AddEmailQueueModule(Configuration, All)).ShouldBe(
            [typeof(TenantCacheEvictionListener), typeof(EmailDeliveryWorker), typeof(InboundRuleCacheListener), typeof(InboundRecoveryWorker)], ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddEmailQueueModule(Configuration, Worker)).ShouldBe(
            [typeof(TenantCacheEvictionListener), typeof(EmailDeliveryWorker), typeof(InboundRuleCacheListener), typeof(InboundRecoveryWorker)], ignoreOrder: true);
        HostedServicesOf(new ServiceCollection().AddEmailQueueModule(Configuration, Api))
            .ShouldBe([typeof(TenantCacheEvictionListener), typeof(InboundRuleCacheListener)], ignoreOrder: true);
        new ServiceCollection().AddEmailQueueModule(Configuration, Api)
            .ShouldContain(service => service.ServiceType == typeof(IHostedService) && service.ImplementationFactory != null);
        new ServiceCollection().AddEmailQueueModule(Configuration, Worker)
            .ShouldNotContain(service => service.ServiceType == typeof(IHostedService) && service.ImplementationFactory != null);
    }

    [Fact]
    public void ProgramCs_NamesNoTypeInsideAModule()
    {
        // Imports are the next test's matter: a module named like one of its types (Channel) is imported, not named.
        var program = Regex.Replace(ProgramSource(), "//.*$|^using .*$", "", RegexOptions.Multiline);
        var inside = Layers.All
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsVisible && IsInModule(type.Namespace) && !type.Name.EndsWith("HostModule", StringComparison.Ordinal) && !type.Name.Contains('<'))
            .Select(type => type.Name.Split('`')[0])
            .Distinct()
            .Where(name => Regex.IsMatch(program, $@"\b{Regex.Escape(name)}\b"))
            .ToList();

        inside.ShouldBeEmpty("Program.cs should reach a module only through its host registration");
    }

    [Fact]
    public void ProgramCs_ImportsOnlyTheNamespacesOfTheModuleRegistrations()
    {
        var hostModules = Layers.HttpApiHost.GetTypes()
            .Where(type => type.Name.EndsWith("HostModule", StringComparison.Ordinal))
            .Select(type => type.Namespace)
            .ToHashSet();
        var moduleImports = Regex.Matches(ProgramSource(), @"^using (?<ns>[\w.]+);", RegexOptions.Multiline)
            .Select(match => match.Groups["ns"].Value)
            .Where(IsInModule)
            .ToList();

        moduleImports.ShouldNotBeEmpty();
        moduleImports.ShouldAllBe(ns => hostModules.Contains(ns));
    }

    private static bool IsInModule(string? ns) =>
        ns is not null && ModuleNamespaces.Any(module => ns == module || ns.StartsWith(module + ".", StringComparison.Ordinal));

    private static string ProgramSource() =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(Layers.SourceProjects["Messaging.HttpApi.Host"])!, "Program.cs"));

    private static List<Type> HostedServicesOf(IServiceCollection services) =>
        services.Where(service => service.ServiceType == typeof(IHostedService))
            .Select(service => service.ImplementationType)
            .OfType<Type>()
            .Where(type => type.Namespace!.StartsWith("Messaging.", StringComparison.Ordinal))
            .ToList();

    private static List<string> ReadinessChecksOf(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Where(check => check.Tags.Contains("ready"))
            .Select(check => check.Name)
            .ToList();
    }
}
