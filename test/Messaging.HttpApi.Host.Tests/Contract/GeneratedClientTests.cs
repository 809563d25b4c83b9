using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Contract.Generated;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// The client the build generates from docs/openapi.json talks to the real host, and describes the same types as the
/// contracts the typed client (Messaging.HttpApi.Client) is built on: a change on either side fails here.
/// </summary>
[Collection(ContractHostCollection.Name)]
public class GeneratedClientTests(SharedHost shared)
{
    private static readonly Assembly Contracts = typeof(Messages.IMessageAppService).Assembly;

    [Fact]
    public async Task GeneratedClient_SendsAndReadsTheStatus()
    {
        using var http = shared.Host.Client(HostProcess.DemoTenantKey);
        var messages = new MessageClient(http);

        var accepted = await messages.SendOneWayMessageAsync(
            new SendOneWayMessageDto { Recipient = "+14155550123", Channel = MessageChannel.Sms, Content = "generated", Priority = MessagePriority.High },
            idempotency_Key: Guid.NewGuid().ToString("N"));
        var status = await messages.GetStatusAsync(accepted.TrackingId);

        accepted.Status.ShouldBe(MessageStatus.Accepted);
        status.TrackingId.ShouldBe(accepted.TrackingId);
        status.Channel.ShouldBe(MessageChannel.Sms);
        status.Priority.ShouldBe(MessagePriority.High);
        status.History.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task GeneratedClient_ReadsValidationProblems()
    {
        using var http = shared.Host.Client(HostProcess.DemoTenantKey);
        var messages = new MessageClient(http);

        var problem = await Should.ThrowAsync<ApiException<ValidationProblemDetails>>(
            messages.SendOneWayMessageAsync(new SendOneWayMessageDto { Channel = MessageChannel.Sms, Content = "no recipient" }));

        problem.StatusCode.ShouldBe(400);
        problem.Result.Errors.Keys.ShouldContain("recipient");
        problem.Result.Code.ShouldBe("Messaging:ValidationFailed");
    }

    [Fact]
    public async Task GeneratedClient_ReadsOtherProblems()
    {
        using var http = shared.Host.Client(HostProcess.DemoTenantKey);
        var messages = new MessageClient(http);

        var problem = await Should.ThrowAsync<ApiException<ProblemDetails>>(messages.GetStatusAsync(Guid.NewGuid()));

        problem.StatusCode.ShouldBe(404);
        problem.Result.Status.ShouldBe(404);
    }

    [Fact]
    public void GeneratedTypes_HaveTheMembersOfTheContracts()
    {
        var generated = typeof(MessageClient).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(MessageClient).Namespace && Contracts.GetTypes().Any(contract => contract.Name == type.Name))
            .ToList();
        generated.Count.ShouldBeGreaterThan(20, "the generated client should describe the contracts");

        foreach (var type in generated)
        {
            var contract = Contracts.GetTypes().Single(candidate => candidate.Name == type.Name && candidate.IsPublic);
            if (type.IsEnum)
            {
                Enum.GetNames(type).ShouldBe(Enum.GetNames(contract), type.Name);
                continue;
            }

            var generatedMembers = type.GetProperties()
                .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
                .OfType<string>()
                .Order();
            var contractMembers = contract.GetProperties()
                .Where(property => property.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
                .Select(property => JsonNamingPolicy.CamelCase.ConvertName(property.Name))
                .Order();
            generatedMembers.ShouldBe(contractMembers, type.Name);
        }
    }
}
