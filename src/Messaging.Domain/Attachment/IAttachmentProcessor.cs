using System.Text.Json.Nodes;

namespace Messaging.Attachment;

/// <summary>
/// Turns one kind of content into a result (dimensions and a thumbnail, page count and text, a listing...). One class per
/// kind, registered once; the first registered one that handles a content type gets the file. A file it cannot read is an
/// <see cref="AttachmentContentException"/> (no retry helps); anything else is retried.
/// </summary>
public interface IAttachmentProcessor
{
    /// <summary>A short stable name, kept with the job and used as a metric label.</summary>
    string Name { get; }

    bool Handles(string contentType);

    Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken);
}

/// <summary>The content is not what its type promised, or is too dangerous to open (a zip bomb): failing again would not help.</summary>
public sealed class AttachmentContentException(string message, Exception? inner = null) : Exception(message, inner);
