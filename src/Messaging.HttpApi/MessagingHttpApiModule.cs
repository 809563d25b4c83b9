using Messaging.ExceptionHandling;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

/// <summary>Adds the module controllers and the problem-details mapping to the host's MVC.</summary>
public static class MessagingHttpApiModule
{
    public static IMvcBuilder AddMessagingHttpApi(this IMvcBuilder mvc)
    {
        mvc.AddApplicationPart(typeof(MessagingHttpApiModule).Assembly);
        mvc.Services.AddExceptionHandler<MessagingExceptionHandler>();
        mvc.ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidModelStateProblem.Create);
        return mvc;
    }
}
