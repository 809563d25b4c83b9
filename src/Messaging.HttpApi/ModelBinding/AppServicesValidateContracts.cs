using Messaging.Dtos;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Messaging.ModelBinding;

/// <summary>
/// The app services validate their input, every field at once and with rules per channel. [Required] on a contract
/// documents what a request must carry; MVC does not act on it, or it would answer first, naming fewer fields.
/// </summary>
public sealed class AppServicesValidateContracts : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.ModelType.Assembly == typeof(PagedResultDto<>).Assembly)
        {
            context.ValidationMetadata.ValidateChildren = false;
        }
    }
}
