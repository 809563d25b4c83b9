using System.Net.Http.Headers;
using Messaging.Infrastructure.Http;
using Messaging.Messages.Callbacks;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Messages;

/// <summary>Posts status callbacks through the <see cref="OutboundHttpClients.TenantSupplied"/> client and classifies the outcome.</summary>
public sealed class HttpStatusCallbackSender(IHttpClientFactory clients, IOptionsMonitor<StatusCallbackOptions> options) : IStatusCallbackSender
{
    public async Task<CallbackPostResult> PostAsync(CallbackPost post, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url)
        {
            Content = new ByteArrayContent(post.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } }
        };
        foreach (var (name, value) in post.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var client = clients.CreateClient(OutboundHttpClients.TenantSupplied);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? CallbackPostResult.Delivered(status)
                : CallbackPostResult.Failed(status, $"The callback answered {status}.");
        }
        catch (Exception exception) when (AddressNotAllowedException.IsCauseOf(exception))
        {
            return CallbackPostResult.Refused(AddressNotAllowedException.ErrorCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CallbackPostResult.Failed(null, $"No answer within {options.CurrentValue.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception)
        {
            return CallbackPostResult.Failed(null, exception.HttpRequestError.ToString());
        }
    }
}
