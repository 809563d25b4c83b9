using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.ExceptionHandling;

/// <summary>
/// Rewrites the framework's binding errors in the same shape as our own validation errors: field names as
/// the JSON has them, and messages for people rather than .NET type names.
/// </summary>
public static class InvalidModelStateProblem
{
    private const string BodyField = "body";

    public static IActionResult Create(ActionContext context)
    {
        var errors = new ModelStateDictionary();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            var field = key switch
            {
                "" or "$" or "input" => BodyField,
                _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
                _ => key
            };
            foreach (var error in entry.Errors)
            {
                errors.AddModelError(field, Describe(context, field, error));
            }
        }

        // A body that failed to parse also reports the whole body as missing; the parse errors say more.
        if (errors.Count > 1)
        {
            errors.Remove(BodyField);
        }

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest,
            "One or more fields are invalid.");
        problem.Extensions["code"] = MessagingErrorCodes.ValidationFailed;
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static string Describe(ActionContext context, string field, ModelError error)
    {
        if (field == BodyField)
        {
            return "A JSON request body is required.";
        }

        if (error.Exception is null && !error.ErrorMessage.Contains("could not be converted", StringComparison.Ordinal))
        {
            return error.ErrorMessage;
        }

        return EnumTypeOf(context, field) is { } enumType
            ? $"The value of '{field}' must be one of: {string.Join(", ", Enum.GetNames(enumType))}."
            : $"The value of '{field}' is not valid here.";
    }

    private static Type? EnumTypeOf(ActionContext context, string field)
    {
        var property = context.ActionDescriptor.Parameters
            .Where(parameter => parameter.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(parameter => parameter.ParameterType.GetProperty(field, BindingFlags.IgnoreCase | BindingFlags.Public | BindingFlags.Instance))
            .FirstOrDefault(found => found is not null);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type is { IsEnum: true } ? type : null;
    }
}
