using Messaging.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.ModelBinding;

/// <summary>Binds enums in routes, queries and headers by name only, as request bodies do; see <see cref="EnumNames"/>.</summary>
public sealed class StrictEnumModelBinder(Type enumType) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
        if (string.IsNullOrEmpty(values.FirstValue) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
        {
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (EnumNames.TryParse(enumType, values.FirstValue, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, EnumNames.Requirement(enumType));
        }

        return Task.CompletedTask;
    }
}

public sealed class StrictEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType is { IsEnum: true } enumType ? new StrictEnumModelBinder(enumType) : null;
}
