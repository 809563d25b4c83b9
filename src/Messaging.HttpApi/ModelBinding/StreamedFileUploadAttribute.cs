using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.ModelBinding;

/// <summary>
/// The action reads a multipart/form-data body itself, as a stream, with the file in the form field <see cref="FieldName"/>:
/// the form value providers are removed for it, so model binding never reads (and buffers) the form first. The OpenAPI
/// document describes the body from this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedFileUploadAttribute(string fieldName) : Attribute, IResourceFilter
{
    public string FieldName { get; } = fieldName;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
