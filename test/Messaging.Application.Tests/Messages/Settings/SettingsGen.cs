using System.Text.Json.Nodes;
using CsCheck;
using Messaging.FlowControl;

namespace Messaging.Messages.Settings;

/// <summary>Valid runtime settings across their whole ranges, and ways to make a document invalid.</summary>
public static class SettingsGen
{
    public static readonly Gen<MessageBufferOptions> Buffer = Gen.Select(
        Gen.Int[1, 100_000], Gen.Int[0, 100], Gen.Int[1, 5_000], Gen.Int[0, 10_000], Gen.Int[1, 60], Gen.Enum<AcknowledgementMode>(),
        (capacity, thresholdPercent, batchSize, timeoutMs, retrySeconds, acknowledgement) => new MessageBufferOptions
        {
            Capacity = capacity,
            BackpressureThreshold = Math.Max(1, (int)((long)capacity * thresholdPercent / 100)),
            BatchSize = batchSize,
            BatchTimeout = TimeSpan.FromMilliseconds(timeoutMs),
            RetryAfter = TimeSpan.FromSeconds(retrySeconds),
            Acknowledgement = acknowledgement
        });

    public static readonly Gen<MemoryFlowControlOptions> Memory = Gen.Select(
        Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Long[1, 1L << 40])), Gen.Int[2, 100], Gen.Int[1, 99], Gen.Int[100, 60_000], Gen.Int[1, 60],
        (limit, shedAt, resumeShare, sampleMs, retrySeconds) => new MemoryFlowControlOptions
        {
            LimitBytes = limit,
            ShedAtPercent = shedAt,
            ResumeAtPercent = Math.Max(1, shedAt * resumeShare / 100),
            SampleInterval = TimeSpan.FromMilliseconds(sampleMs),
            RetryAfter = TimeSpan.FromSeconds(retrySeconds)
        });

    public static readonly Gen<HighThroughputOptions> Valid = Gen.Select(Buffer, Memory, Gen.Int[1, 10_080],
        (buffer, memory, retentionMinutes) => new HighThroughputOptions
        {
            Buffer = buffer,
            Memory = memory,
            Idempotency = new IdempotencyOptions { Retention = TimeSpan.FromMinutes(retentionMinutes) }
        });

    /// <summary>Each turns a valid document into one that must be refused, for a reason of its own.</summary>
    public static readonly Action<JsonObject>[] Breakages =
    [
        d => d["buffer"]!["capacity"] = 0,
        d => d["buffer"]!["backpressureThreshold"] = d["buffer"]!["capacity"]!.GetValue<int>() + 1,
        d => d["buffer"]!["batchSize"] = 0,
        d => d["buffer"]!["batchTimeout"] = "00:00:11",
        d => d["buffer"]!["retryAfter"] = "00:00:00.5000000",
        d => d["buffer"]!["acknowledgement"] = "Eventually",
        d => d["idempotency"]!["retention"] = "00:00:30",
        d => d["memory"]!["limitBytes"] = -1,
        d => d["memory"]!["shedAtPercent"] = 0,
        d => d["memory"]!["shedAtPercent"] = 101,
        d => d["memory"]!["resumeAtPercent"] = d["memory"]!["shedAtPercent"]!.GetValue<double>(),
        d => d["memory"]!["sampleInterval"] = "00:00:00.0100000",
        d => d["memory"]!["retryAfter"] = "00:00:00",
        d => d["buffer"]!.AsObject().Remove("batchSize"),
        d => d.Remove("idempotency"),
        d => d["memory"] = null,
        d => d["buffer"]!["capacity"] = "lots",
        d => d["buffer"]!["batchSizes"] = 10,
        d => d["ingestion"] = new JsonObject { ["mode"] = "NoOp" }
    ];
}
