using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Messaging.Http;

/// <summary>
/// One body limit for every request, so an endpoint added later is not open to 30 MB bodies by default. An endpoint that
/// needs more (or less) says so with ASP.NET Core's <c>[RequestSizeLimit(bytes)]</c>, which overrides this per request.
/// Bodies over the limit are answered 413 as a problem.
/// </summary>
public static class RequestBodyLimits
{
    public const string MaxBytesKey = "Http:MaxRequestBodyBytes";
    public const long DefaultMaxBytes = 1024 * 1024;

    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var maxBytes = configuration.GetValue(MaxBytesKey, DefaultMaxBytes);
        if (maxBytes < 1)
        {
            throw new InvalidOperationException($"{MaxBytesKey} must be at least 1 (bytes); it is {maxBytes}.");
        }

        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBytes);
        return services;
    }
}
