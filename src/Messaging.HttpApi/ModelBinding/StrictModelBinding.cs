using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Messaging.ModelBinding;

/// <summary>Routes, queries and headers follow the rules of request bodies: enums by name, only safe text.</summary>
public static class StrictModelBinding
{
    public static void Apply(MvcOptions options)
    {
        var enums = options.ModelBinderProviders.IndexOf(options.ModelBinderProviders.OfType<EnumTypeModelBinderProvider>().Single());
        options.ModelBinderProviders[enums] = new StrictEnumModelBinderProvider();
        var simpleTypes = options.ModelBinderProviders.IndexOf(options.ModelBinderProviders.OfType<SimpleTypeModelBinderProvider>().Single());
        options.ModelBinderProviders.Insert(simpleTypes, new SafeTextModelBinderProvider());
    }
}
