#:sdk Microsoft.NET.Sdk.Web
#:property TargetFramework=net10.0
// The baseline of etc/scripts/bench-attachment.sh: raw Kestrel writing each request body to a file and answering 202,
// with nothing else (no authentication, tenancy, multipart parsing, sniffing, hashing, database or blob store).
// Usage: dotnet run --file etc/scripts/bench-attachment-baseline.cs -- --urls http://127.0.0.1:PORT --folder DIR

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
builder.Logging.ClearProviders();
var folder = builder.Configuration["folder"] ?? Path.GetTempPath();
Directory.CreateDirectory(folder);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok());
app.MapPost("/upload", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
    {
        await request.Body.CopyToAsync(file, cancellationToken);
    }

    return Results.Accepted();
});
app.Run();
