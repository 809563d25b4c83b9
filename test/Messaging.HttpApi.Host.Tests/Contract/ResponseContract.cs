using System.Globalization;
using System.Text.Json;

namespace Messaging.Contract;

/// <summary>An answer holds to the document when its status is declared for the operation and its body fits what is declared for that status.</summary>
public static class ResponseContract
{
    public static void ShouldHoldTo(this ApiAnswer answer, ContractDocument document, Operation operation)
    {
        var status = (int)answer.Status;
        var declared = operation.Response(status);
        declared.ShouldNotBeNull($"{operation} answered {status}, which the document does not declare: {answer.Body}");
        if (declared["content"] is not { } content || content.AsObject().Count == 0)
        {
            answer.Body.ShouldBeEmpty($"{operation} answered {status} with a body the document does not declare");
            return;
        }

        answer.MediaType.ShouldNotBeNull($"{operation} answered {status} without a content type");
        var schema = content[answer.MediaType!]?["schema"];
        schema.ShouldNotBeNull($"{operation} answered {status} as {answer.MediaType}; the document declares {string.Join(", ", content.AsObject().Select(c => c.Key))}");
        if (schema!["format"]?.GetValue<string>() == "binary")
        {
            return;
        }

        if (answer.MediaType == "text/event-stream")
        {
            // A stream's text is frames, not JSON: the document says it is text, and ApiCall read its first frame.
            schema!["type"]?.GetValue<string>().ShouldBe("string", $"{operation} streams events; the document should declare text");
            answer.Body.ShouldEndWith("\n", Case.Sensitive, $"{operation} answered {status} with {answer.Body}");
            return;
        }

        using var body = JsonDocument.Parse(answer.Body);
        var errors = document.Validate(schema!, body.RootElement);
        errors.ShouldBeEmpty($"{operation} answered {status.ToString(CultureInfo.InvariantCulture)} with {answer.Body}");
    }
}
