using Messaging.SseBench;

// bench-channel.sh's tool: "baseline" serves a bare Kestrel SSE endpoint writing the events the hub writes; "run" opens
// many subscribers to a stream, publishes events and measures the time from each publish to its last subscriber.
return args.FirstOrDefault() switch
{
    "baseline" => await BaselineServer.RunAsync(args[1..]),
    "run" => await SubscriberRun.RunAsync(args[1..]),
    _ => Usage()
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Messaging.SseBench baseline --port P
               Messaging.SseBench run --events-url URL --publish-url URL [--api-key KEY] [--subscribers N] [--events M]
        """);
    return 2;
}
