using Messaging.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.ModelBinding;

/// <summary>Binds strings from routes, queries and headers only when they are <see cref="SafeText"/>, as request bodies do.</summary>
public sealed class SafeTextModelBinder(IModelBinder text) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        foreach (var value in values.Values)
        {
            if (value is not null && !SafeText.IsSafe(value))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, SafeText.Requirement);
                return Task.CompletedTask;
            }
        }

        return text.BindModelAsync(bindingContext);
    }
}

public sealed class SafeTextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.ModelType != typeof(string))
        {
            return null;
        }

        return new SafeTextModelBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()));
    }
}
