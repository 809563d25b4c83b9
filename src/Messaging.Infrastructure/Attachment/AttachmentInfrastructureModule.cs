using Messaging.Attachment;
using Messaging.Infrastructure.Attachment.Processors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Attachment;

/// <summary>The blob store <c>Blobs:Provider</c> names, and the processors of every kind of content.</summary>
public static class AttachmentInfrastructureModule
{
    public static IServiceCollection AddAttachmentInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlobStorageOptions>().Bind(configuration.GetSection(BlobStorageOptions.SectionName))
            .Validate(o => o.IsValid, "Blobs: RootPath and, for S3, Bucket must be set; WriteAttempts at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IBlobStore>(provider =>
            provider.GetRequiredService<IOptions<BlobStorageOptions>>().Value.Provider == BlobProvider.S3
                ? ActivatorUtilities.CreateInstance<S3BlobStore>(provider)
                : ActivatorUtilities.CreateInstance<FileSystemBlobStore>(provider));
        services.AddSingleton<IDownloadLinkKey, DownloadLinkKey>();
        services.AddAttachmentProcessor<TextAttachmentProcessor>();
        services.AddAttachmentProcessor<ImageAttachmentProcessor>();
        services.AddAttachmentProcessor<PdfAttachmentProcessor>();
        services.AddAttachmentProcessor<ZipAttachmentProcessor>();
        return services;
    }

    /// <summary>Adds a processor: the first registered one that handles a content type gets the file.</summary>
    public static IServiceCollection AddAttachmentProcessor<TProcessor>(this IServiceCollection services)
        where TProcessor : class, IAttachmentProcessor
    {
        services.AddSingleton<IAttachmentProcessor, TProcessor>();
        return services;
    }
}
