using Messaging.Messages.Receipts;
using Messaging.ModelBinding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

/// <summary>
/// Where providers post delivery receipts. Anonymous, because providers have no API key; each receipt is trusted only
/// after its signature verified with the secret of the tenant whose message it names.
/// </summary>
[ApiController]
[Route("api/app/message-receipt")]
[AllowAnonymous]
public sealed class MessageReceiptController(IMessageReceiptAppService receipts) : ControllerBase
{
    [HttpPost("{provider}")]
    [RawBody]
    [RequestSizeLimit(ReceiptConsts.MaxBodyBytes)]
    [ProducesResponseType<MessageReceiptResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<MessageReceiptResultDto> ReceiveAsync([FromRoute] string provider, CancellationToken cancellationToken)
    {
        // The signature covers the exact bytes, so the body is read raw rather than bound.
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, cancellationToken);
        var headers = Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return await receipts.ReceiveAsync(new InboundReceiptDto(provider, body.GetBuffer().AsMemory(0, (int)body.Length), headers), cancellationToken);
    }
}
