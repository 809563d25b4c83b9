namespace Messaging.EmailQueue;

/// <summary>The stable codes of the EmailQueue module's refusals, in the problem document's <c>code</c>.</summary>
public static class EmailQueueErrorCodes
{
    /// <summary>A template part does not parse as Liquid.</summary>
    public const string TemplateSyntax = "Messaging:EmailQueue:TemplateSyntax";

    /// <summary>A template names variables its event type's payload does not carry.</summary>
    public const string TemplateUnknownVariables = "Messaging:EmailQueue:TemplateUnknownVariables";

    /// <summary>A template failed while rendering an event (found at send time, so the event is dead-lettered).</summary>
    public const string TemplateRenderFailed = "Messaging:EmailQueue:TemplateRenderFailed";
}
