using Messaging.Json;
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
                _ when key.StartsWith("$.", StringComparison.Ordinal) => SafePrefix(key[2..]),
                _ => SafePrefix(key)
            };
            foreach (var error in entry.Errors)
            {
                errors.AddModelError(field, Describe(field, error));
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

    /// <summary>A path through a dictionary key that is not safe text names the dictionary instead of echoing the key.</summary>
    private static string SafePrefix(string path)
    {
        var unsafeAt = SafeText.FirstUnsafeIndex(path);
        if (unsafeAt < 0)
        {
            return path;
        }

        var end = path.AsSpan(0, unsafeAt).LastIndexOfAny('.', '[');
        return end > 0 ? path[..end] : BodyField;
    }

    private static string Describe(string field, ModelError error)
    {
        if (field == BodyField)
        {
            return "A JSON request body is required.";
        }

        // Our converters and binders say what is allowed; the framework's conversion errors name .NET types.
        return error.Exception is null && !error.ErrorMessage.Contains("could not be converted", StringComparison.Ordinal)
            ? error.ErrorMessage
            : $"The value of '{field}' is not valid here.";
    }
}
