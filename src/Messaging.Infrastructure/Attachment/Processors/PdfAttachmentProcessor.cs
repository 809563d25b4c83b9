using System.Text;
using System.Text.Json.Nodes;
using Messaging.Attachment;
using UglyToad.PdfPig;

namespace Messaging.Infrastructure.Attachment.Processors;

/// <summary>PDF: the page count and the text of its pages, up to <see cref="MaxTextLength"/> characters.</summary>
public sealed class PdfAttachmentProcessor : IAttachmentProcessor
{
    public const int MaxTextLength = 10_000;

    public string Name => "pdf";

    public bool Handles(string contentType) => contentType == "application/pdf";

    public async Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        await using var _ = seekable == content ? null : seekable;
        try
        {
            using var document = PdfDocument.Open(seekable);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (text.Length >= MaxTextLength)
                {
                    break;
                }

                text.Append(page.Text).Append('\n');
            }

            return new JsonObject
            {
                ["kind"] = "pdf",
                ["pages"] = document.NumberOfPages,
                ["text"] = text.Length > MaxTextLength ? text.ToString(0, MaxTextLength) : text.ToString().TrimEnd('\n'),
                ["truncated"] = text.Length > MaxTextLength
            };
        }
        catch (Exception invalid) when (invalid is not (OperationCanceledException or IOException or OutOfMemoryException))
        {
            // PdfPig throws many kinds for a malformed document; another attempt would read the same bytes.
            throw new AttachmentContentException("The file is not a readable PDF document.", invalid);
        }
    }
}
