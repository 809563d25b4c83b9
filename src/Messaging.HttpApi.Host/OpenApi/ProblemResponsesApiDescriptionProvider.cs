using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.OpenApi;

/// <summary>
/// Completes what each action declares with what the pipeline around it can answer, so the document lists every
/// status an operation really produces: the success from the action's return type when no attribute names one, and
/// the problem answers of authentication, rate limiting, flow control, binding and storage. Successes are JSON (an
/// event stream excepted); every error is an RFC 7807 problem.
/// </summary>
public sealed class ProblemResponsesApiDescriptionProvider(IModelMetadataProvider metadata) : IApiDescriptionProvider
{
    public const string ProblemMediaType = "application/problem+json";
    private const string JsonMediaType = "application/json";
    private const string EventStreamMediaType = "text/event-stream";

    /// <summary>After the default provider, which fills the responses the attributes declare.</summary>
    public int Order => 100;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            AddSuccessFromReturnType(description);
            foreach (var status in PipelineStatuses(description))
            {
                if (description.SupportedResponseTypes.All(response => response.StatusCode != status))
                {
                    description.SupportedResponseTypes.Add(Response(status,
                        status == StatusCodes.Status400BadRequest ? typeof(ValidationProblemDetails) : typeof(ProblemDetails)));
                }
            }

            foreach (var response in description.SupportedResponseTypes)
            {
                // An event stream's success is declared as such; every other success is JSON.
                var stream = response.ApiResponseFormats.Any(format => format.MediaType == EventStreamMediaType);
                response.ApiResponseFormats.Clear();
                if (response.Type is { } type && type != typeof(void))
                {
                    response.ApiResponseFormats.Add(new ApiResponseFormat
                    {
                        MediaType = response.StatusCode >= 400 ? ProblemMediaType : stream ? EventStreamMediaType : JsonMediaType
                    });
                }
            }
        }
    }

    private static IEnumerable<int> PipelineStatuses(ApiDescription description)
    {
        var action = description.ActionDescriptor;
        var sources = description.ParameterDescriptions.Select(parameter => parameter.Source).ToList();
        if (sources.Any(source => source == BindingSource.Body || source == BindingSource.Path || source == BindingSource.Query
                || source == BindingSource.Header || source == BindingSource.ModelBinding))
        {
            yield return StatusCodes.Status400BadRequest;
        }

        if (OperationTraits.RequiresCaller(action))
        {
            yield return StatusCodes.Status401Unauthorized;
            yield return StatusCodes.Status403Forbidden;
        }

        if (sources.Contains(BindingSource.Path))
        {
            yield return StatusCodes.Status404NotFound;
        }

        if (sources.Contains(BindingSource.Body))
        {
            yield return StatusCodes.Status413PayloadTooLarge;
            yield return StatusCodes.Status415UnsupportedMediaType;
        }

        if (OperationTraits.AcceptsTenantKeys(action))
        {
            yield return StatusCodes.Status429TooManyRequests;
        }

        // Storage that cannot be reached, a stopping instance and, where marked, memory pressure.
        yield return StatusCodes.Status503ServiceUnavailable;
    }

    private void AddSuccessFromReturnType(ApiDescription description)
    {
        if (description.SupportedResponseTypes.Any(response => response.StatusCode is >= 200 and < 300)
            || description.ActionDescriptor is not ControllerActionDescriptor action
            || ResultType(action.MethodInfo.ReturnType) is not { } type)
        {
            return;
        }

        description.SupportedResponseTypes.Add(Response(StatusCodes.Status200OK, type));
    }

    private static Type? ResultType(Type returnType)
    {
        var type = returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>)
            || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ActionResult<>))
        {
            return type.GetGenericArguments()[0];
        }

        return type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask) || typeof(IActionResult).IsAssignableFrom(type)
            || typeof(IConvertToActionResult).IsAssignableFrom(type)
            ? null
            : type;
    }

    private ApiResponseType Response(int status, Type type) => new()
    {
        StatusCode = status,
        Type = type,
        ModelMetadata = metadata.GetMetadataForType(type)
    };
}
