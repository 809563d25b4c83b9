using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Messaging.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Messaging.ProviderEmulator;

/// <summary>
/// A real HTTP server on loopback that speaks the providers' shapes: WhatsApp Cloud API
/// (<c>POST /{version}/{phone-number-id}/messages</c>), Twilio's Messages API (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>)
/// and webhook receivers (<c>POST /webhooks/{anything}</c>). It checks the credentials it was given, dedupes by idempotency
/// key, records every request, and can be told to fail, throttle or slow down, in-process or through <c>/_emulator/...</c>.
/// </summary>
public sealed partial class EmulatorServer : IAsyncDisposable
{
    public const string WhatsApp = "whatsapp";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorOptions options)
    {
        _app = app;
        Options = options;
        Map(app);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public EmulatorOptions Options { get; }

    public FaultInjector Faults { get; } = new();

    public ReceivedLog Log { get; } = new();

    /// <summary>A webhook address on this emulator.</summary>
    public Uri WebhookUrl(string path = "hook") => new(BaseAddress, "webhooks/" + path);

    /// <param name="port">0 picks a free port; the answer's <see cref="BaseAddress"/> names it.</param>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, int port = 0, bool logToConsole = false,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        if (logToConsole)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        var app = builder.Build();
        var emulator = new EmulatorServer(app, options ?? new EmulatorOptions());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    public void FailWith(int status, int? count = null, string? provider = null, string? errorCode = null, string? errorMessage = null) =>
        Faults.Fail(provider, status, count, errorCode, errorMessage);

    public void Throttle(TimeSpan retryAfter, int? count = null, string? provider = null) => Faults.Throttle(provider, retryAfter, count);

    public void SlowDown(TimeSpan delay, string? provider = null) => Faults.Delay(provider, delay);

    /// <summary>Forgets faults, received requests and handed-out ids.</summary>
    public void Reset()
    {
        Faults.Reset();
        Log.Clear();
    }

    public IReadOnlyList<ReceivedRequest> Received(string? provider = null) => Log.For(provider);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/{version}/{phoneNumberId}/messages", (HttpContext context, string phoneNumberId) => HandleAsync(context, WhatsApp, AnswerWhatsAppAsync));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (HttpContext context) => HandleAsync(context, Sms, AnswerSmsAsync));
        app.MapPost("/webhooks/{**path}", (HttpContext context) => HandleAsync(context, Webhook, AnswerWebhookAsync));

        var control = app.MapGroup("/_emulator");
        control.MapPost("/faults/fail", (FailRequest request) =>
        {
            FailWith(request.Status, request.Count, request.Provider, request.ErrorCode, request.ErrorMessage);
            return Results.NoContent();
        });
        control.MapPost("/faults/throttle", (ThrottleRequest request) =>
        {
            Throttle(TimeSpan.FromSeconds(request.RetryAfterSeconds), request.Count, request.Provider);
            return Results.NoContent();
        });
        control.MapPost("/faults/delay", (DelayRequest request) =>
        {
            SlowDown(TimeSpan.FromMilliseconds(request.DelayMilliseconds), request.Provider);
            return Results.NoContent();
        });
        control.MapPost("/reset", () =>
        {
            Reset();
            return Results.NoContent();
        });
        control.MapGet("/received", (string? provider) => Results.Json(Received(provider)));
        control.MapGet("/stats", () => Results.Json(new[] { WhatsApp, Sms, Webhook }.ToDictionary(p => p, p =>
        {
            var received = Received(p);
            return new { requests = received.Count, accepted = received.Count(r => r.Accepted), duplicates = received.Count(r => r.Duplicate) };
        })));
    }

    private async Task HandleAsync(HttpContext context, string provider, Func<Exchange, Task<Answer>> answer)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault() ?? request.Headers["I-Twilio-Idempotency-Token"].FirstOrDefault();
        var exchange = new Exchange(context, provider, body, idempotencyKey);

        var delay = Faults.DelayFor(provider);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        Answer result;
        if (Faults.TakeThrottle(provider) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            result = ErrorFor(provider, StatusCodes.Status429TooManyRequests, null, "Rate limit hit; slow down.");
        }
        else if (Faults.TakeFailure(provider) is { } failure)
        {
            result = ErrorFor(provider, failure.Status, failure.ErrorCode, failure.ErrorMessage ?? "Injected failure.");
        }
        else
        {
            result = await answer(exchange);
        }

        Log.Add(new ReceivedRequest(provider, request.Path + request.QueryString, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()),
            body, idempotencyKey, result.Status, result.ProviderMessageId, result.Duplicate, exchange.SignatureCheck, DateTimeOffset.UtcNow));
        context.Response.StatusCode = result.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted);
    }

    private Task<Answer> AnswerWhatsAppAsync(Exchange exchange)
    {
        var authorization = exchange.Context.Request.Headers.Authorization.ToString();
        if (Options.WhatsAppAccessToken is { } token && !SecretEquals(authorization, "Bearer " + token))
        {
            return Task.FromResult(ErrorFor(WhatsApp, 401, "190", "Invalid OAuth access token - Cannot parse access token"));
        }

        JsonNode? message;
        try
        {
            message = JsonNode.Parse(exchange.Body);
        }
        catch (JsonException)
        {
            message = null;
        }

        var to = message?["to"]?.GetValue<string>();
        if (message?["messaging_product"]?.GetValue<string>() != "whatsapp" || message["type"]?.GetValue<string>() != "text"
            || string.IsNullOrEmpty(message["text"]?["body"]?.GetValue<string>()) || to is null || !Digits().IsMatch(to))
        {
            return Task.FromResult(ErrorFor(WhatsApp, 400, "100", "(#100) Invalid parameter"));
        }

        var (id, duplicate) = Log.Claim(WhatsApp, exchange.IdempotencyKey, "wamid." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('='));
        return Task.FromResult(new Answer(200, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id })
        }, id, duplicate));
    }

    private async Task<Answer> AnswerSmsAsync(Exchange exchange)
    {
        var request = exchange.Context.Request;
        var accountSid = request.RouteValues["accountSid"]?.ToString();
        if ((Options.SmsAccountSid is { } sid && (accountSid != sid || !SecretEquals(request.Headers.Authorization.ToString(),
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{Options.SmsAuthToken}"))))))
        {
            return ErrorFor(Sms, 401, "20003", "Authenticate");
        }

        var form = QueryStringForm(exchange.Body);
        await Task.CompletedTask;
        if (!form.TryGetValue("To", out var to) || to.Length == 0)
        {
            return ErrorFor(Sms, 400, "21604", "A 'To' phone number is required.");
        }

        if (!E164().IsMatch(to))
        {
            return ErrorFor(Sms, 400, "21211", $"The 'To' number {to} is not a valid phone number.");
        }

        if (!form.ContainsKey("From") && !form.ContainsKey("MessagingServiceSid"))
        {
            return ErrorFor(Sms, 400, "21603", "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
        }

        if (!form.TryGetValue("Body", out var text) || text.Length == 0)
        {
            return ErrorFor(Sms, 400, "21602", "Message body is required.");
        }

        var (id, duplicate) = Log.Claim(Sms, exchange.IdempotencyKey, "SM" + Guid.NewGuid().ToString("N"));
        return new Answer(201, new JsonObject
        {
            ["sid"] = id,
            ["account_sid"] = accountSid,
            ["to"] = to,
            ["from"] = form.GetValueOrDefault("From"),
            ["messaging_service_sid"] = form.GetValueOrDefault("MessagingServiceSid"),
            ["body"] = text,
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["date_created"] = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture)
        }, id, duplicate);
    }

    private Task<Answer> AnswerWebhookAsync(Exchange exchange)
    {
        var headers = exchange.Context.Request.Headers;
        if (Options.WebhookSigningSecret is { } secret)
        {
            var check = WebhookSignature.Verify(secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader],
                Encoding.UTF8.GetBytes(exchange.Body), DateTimeOffset.UtcNow);
            exchange.SignatureCheck = check.ToString();
            if (check != WebhookSignatureCheck.Valid)
            {
                return Task.FromResult(new Answer(401, new JsonObject { ["error"] = $"signature {check}" }, null, false));
            }
        }

        var (id, duplicate) = Log.Claim(Webhook, exchange.IdempotencyKey, "hook-" + Guid.NewGuid().ToString("N"));
        return Task.FromResult(new Answer(200, new JsonObject { ["received"] = true, ["id"] = id }, id, duplicate));
    }

    /// <summary>The provider's own error shape: Graph API errors for WhatsApp, Twilio's REST errors for SMS.</summary>
    private static Answer ErrorFor(string provider, int status, string? code, string message)
    {
        JsonObject body = provider switch
        {
            WhatsApp => new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = message,
                    ["type"] = status == 401 ? "OAuthException" : "GraphMethodException",
                    ["code"] = int.Parse(code ?? DefaultWhatsAppCode(status), CultureInfo.InvariantCulture),
                    ["fbtrace_id"] = Guid.NewGuid().ToString("N")[..11]
                }
            },
            Sms => new JsonObject
            {
                ["code"] = int.Parse(code ?? DefaultSmsCode(status), CultureInfo.InvariantCulture),
                ["message"] = message,
                ["more_info"] = $"https://www.twilio.com/docs/errors/{code ?? DefaultSmsCode(status)}",
                ["status"] = status
            },
            _ => new JsonObject { ["error"] = message, ["code"] = code }
        };
        return new Answer(status, body, null, false);
    }

    private static string DefaultWhatsAppCode(int status) => status switch
    {
        401 => "190",
        429 => "130429",
        503 => "131016",
        >= 500 => "131000",
        _ => "100"
    };

    private static string DefaultSmsCode(int status) => status switch
    {
        401 => "20003",
        404 => "20404",
        429 => "20429",
        503 => "20503",
        >= 500 => "20500",
        _ => "21211"
    };

    private static Dictionary<string, string> QueryStringForm(string body) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    [GeneratedRegex("^[1-9][0-9]{6,14}$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    private sealed class Exchange(HttpContext context, string provider, string body, string? idempotencyKey)
    {
        public HttpContext Context { get; } = context;
        public string Provider { get; } = provider;
        public string Body { get; } = body;
        public string? IdempotencyKey { get; } = idempotencyKey;
        public string? SignatureCheck { get; set; }
    }

    private sealed record Answer(int Status, JsonObject Body, string? ProviderMessageId, bool Duplicate);

    private sealed record FailRequest(int Status, int? Count, string? Provider, string? ErrorCode, string? ErrorMessage);

    private sealed record ThrottleRequest(double RetryAfterSeconds, int? Count, string? Provider);

    private sealed record DelayRequest(double DelayMilliseconds, string? Provider);
}
