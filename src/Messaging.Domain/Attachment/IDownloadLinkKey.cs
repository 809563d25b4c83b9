namespace Messaging.Attachment;

/// <summary>The secret that signs the host's download links; the same on every instance that serves them.</summary>
public interface IDownloadLinkKey
{
    byte[] Key { get; }
}
