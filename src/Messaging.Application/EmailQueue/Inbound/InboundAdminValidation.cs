using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Checks what a tenant sets on its workers and rules: 400 naming the fields, 422 for a pattern that cannot be compiled.</summary>
public static class InboundAdminValidation
{
    public static void Validate(SetInboundWorkerDto input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Name(errors, input.Name);
        Target(errors, "defaultTarget", input.DefaultAction ?? InboundEmailAction.Forward, input.DefaultTarget);
        Throw(errors);
    }

    public static void Validate(SetEmailRuleDto input, EmailRuleKind kind, TimeSpan matchTimeout)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Name(errors, input.Name);
        if (input.Field is null)
        {
            errors["field"] = ["The field is required: Sender, Recipient, Subject or Header."];
        }
        else if (input.Field == EmailRuleField.Header && (string.IsNullOrWhiteSpace(input.HeaderName) || input.HeaderName.Length > InboundEmailConsts.MaxHeaderNameLength))
        {
            errors["headerName"] = [$"A header rule names its header, at most {InboundEmailConsts.MaxHeaderNameLength} characters."];
        }

        if (input.MatchType is null)
        {
            errors["matchType"] = ["The match type is required: Exact, Contains, Glob or Regex."];
        }

        var maxPattern = kind == EmailRuleKind.Dynamic ? InboundEmailConsts.MaxSubjectLength : InboundEmailConsts.MaxPatternLength;
        if (string.IsNullOrEmpty(input.Pattern) || input.Pattern.Length > maxPattern)
        {
            errors["pattern"] = [$"The pattern is required, at most {maxPattern} characters."];
        }

        if (kind != EmailRuleKind.Watch && input.Action is null)
        {
            errors["action"] = ["A filter rule's action is required: Forward, Delete, Drop or Tag."];
        }
        else
        {
            Target(errors, "target", input.Action ?? InboundEmailAction.Tag, input.Target);
        }

        if (input.AlertThreshold is < 1)
        {
            errors["alertThreshold"] = ["The alert threshold must be at least 1."];
        }

        Throw(errors);
        if (input.MatchType is { } matchType && CompiledEmailRule.FindPatternError(matchType, input.Pattern!, matchTimeout) is { } reason)
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.InvalidRulePattern, $"The pattern is not a valid regular expression: {reason}");
        }
    }

    private static void Name(Dictionary<string, string[]> errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > InboundEmailConsts.MaxNameLength)
        {
            errors["name"] = [$"The name is required, at most {InboundEmailConsts.MaxNameLength} characters."];
        }
    }

    private static void Target(Dictionary<string, string[]> errors, string field, InboundEmailAction action, string? target)
    {
        if (target is { Length: > InboundEmailConsts.MaxTargetLength })
        {
            errors[field] = [$"The target of a {action} must be at most {InboundEmailConsts.MaxTargetLength} characters."];
        }
    }

    private static void Throw(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }
    }
}
