using Messaging.ExceptionHandling;
using Messaging.Json;
using Messaging.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

/// <summary>Adds the module controllers, the wire format and the problem-details mapping to the host's MVC.</summary>
public static class MessagingHttpApiModule
{
    public static IMvcBuilder AddMessagingHttpApi(this IMvcBuilder mvc)
    {
        mvc.AddApplicationPart(typeof(MessagingHttpApiModule).Assembly);
        mvc.AddJsonOptions(json => MessagingJson.RefuseUnsafeText(MessagingJson.Configure(json.JsonSerializerOptions)));
        mvc.AddMvcOptions(options =>
        {
            StrictModelBinding.Apply(options);
            options.ModelMetadataDetailsProviders.Add(new AppServicesValidateContracts());
        });
        mvc.Services.AddExceptionHandler<MessagingExceptionHandler>();
        mvc.ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidModelStateProblem.Create);
        return mvc;
    }
}
