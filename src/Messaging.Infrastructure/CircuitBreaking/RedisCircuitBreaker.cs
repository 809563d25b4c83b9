using System.Globalization;
using Messaging.CircuitBreaking;
using Messaging.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Infrastructure.CircuitBreaking;

/// <summary>
/// Circuits every instance shares: a Redis hash per circuit, changed only by the atomic scripts of
/// <see cref="RedisCircuitScripts"/> with this instance's clock passed in. While Redis is unreachable it decides with
/// <see cref="LocalCircuitBreaker"/> instead of failing the dispatcher; each instance then protects the provider alone.
/// </summary>
public sealed partial class RedisCircuitBreaker(
    RedisConnection connection,
    LocalCircuitBreaker local,
    IOptionsMonitor<CircuitBreakerOptions> options,
    TimeProvider clock,
    ICircuitMetrics metrics,
    ILogger<RedisCircuitBreaker> logger,
    string keyPrefix = RedisCircuitBreaker.DefaultKeyPrefix) : ICircuitBreaker
{
    /// <summary>The braces make every circuit key hash to one slot, so the scripts also run on a Redis cluster.</summary>
    public const string DefaultKeyPrefix = "{messaging:circuit}:";

    private readonly RedisKey _knownCircuits = keyPrefix + "known";
    private int _usingFallback;

    public async ValueTask<CircuitPermit> AcquireAsync(CircuitKey key, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync(key, RedisCircuitScripts.Acquire, cancellationToken);
        if (reply is null)
        {
            return await local.AcquireAsync(key, cancellationToken);
        }

        return reply.Value.Verdict switch
        {
            "allowed" => CircuitPermit.Closed,
            "probe" => CircuitPermit.Probe,
            _ => CircuitPermit.Refused(reply.Value.RetryAt!.Value)
        };
    }

    public async ValueTask RecordSuccessAsync(CircuitKey key, CancellationToken cancellationToken = default)
    {
        if (await RunAsync(key, RedisCircuitScripts.Success, cancellationToken) is null)
        {
            await local.RecordSuccessAsync(key, cancellationToken);
        }
    }

    public async ValueTask RecordFailureAsync(CircuitKey key, CancellationToken cancellationToken = default)
    {
        if (await RunAsync(key, RedisCircuitScripts.Failure, cancellationToken) is null)
        {
            await local.RecordFailureAsync(key, cancellationToken);
        }
    }

    public async Task<CircuitSnapshot> ForceOpenAsync(CircuitKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(key, RedisCircuitScripts.ForceOpen, cancellationToken))?.Record.ToSnapshot(key)
        ?? await local.ForceOpenAsync(key, cancellationToken);

    public async Task<CircuitSnapshot> ResetAsync(CircuitKey key, CancellationToken cancellationToken = default) =>
        (await RunAsync(key, RedisCircuitScripts.Reset, cancellationToken))?.Record.ToSnapshot(key)
        ?? await local.ResetAsync(key, cancellationToken);

    public async Task<IReadOnlyList<CircuitSnapshot>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return await FallBackListAsync(null, cancellationToken);
        }

        try
        {
            var database = connection.Database;
            var members = (await database.SetMembersAsync(_knownCircuits).WaitAsync(cancellationToken))
                .Select(member => (string)member!)
                .Where(member => ParseMember(member) is not null)
                .ToList();
            var batch = database.CreateBatch();
            var reads = members.Select(member => batch.HashGetAllAsync(keyPrefix + member)).ToList();
            batch.Execute();
            await Task.WhenAll(reads).WaitAsync(cancellationToken);

            var snapshots = new List<CircuitSnapshot>(members.Count);
            var expired = new List<string>();
            for (var i = 0; i < members.Count; i++)
            {
                var fields = reads[i].Result;
                if (fields.Length == 0)
                {
                    expired.Add(members[i]);
                    continue;
                }

                snapshots.Add(FromHash(fields).ToSnapshot(ParseMember(members[i])!.Value));
            }

            if (expired.Count > 0)
            {
                await database.ScriptEvaluateAsync(RedisCircuitScripts.Prune,
                    [_knownCircuits, .. expired.Select(member => new RedisKey(keyPrefix + member))],
                    expired.Select(member => (RedisValue)member).ToArray()).WaitAsync(cancellationToken);
            }

            Recovered();
            return snapshots;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return await FallBackListAsync(exception, cancellationToken);
        }
    }

    /// <returns>The script's answer, or null when Redis could not be asked and the local breaker must decide.</returns>
    private async Task<ScriptReply?> RunAsync(CircuitKey key, string script, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            FallingBack(null);
            return null;
        }

        var settings = options.CurrentValue;
        var member = key.ToString();
        RedisValue[] arguments =
        [
            clock.GetUtcNow().ToUnixTimeMilliseconds(),
            member,
            Milliseconds(settings.IdleExpiry),
            settings.FailureThreshold,
            Milliseconds(settings.RecoveryTimeout),
            Milliseconds(settings.ProbeTimeout),
            Milliseconds(settings.HalfOpenRetryInterval)
        ];
        RedisResult result;
        try
        {
            result = await connection.Database.ScriptEvaluateAsync(script, [keyPrefix + member, _knownCircuits], arguments)
                .WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            FallingBack(exception);
            return null;
        }

        Recovered();
        var reply = ScriptReply.Parse((RedisResult[])result!);
        if (reply.From != reply.Record.State)
        {
            metrics.Transitioned(key, reply.From, reply.Record.State);
            LogTransition(logger, member, reply.From, reply.Record.State);
        }

        return reply;
    }

    private async Task<IReadOnlyList<CircuitSnapshot>> FallBackListAsync(Exception? exception, CancellationToken cancellationToken)
    {
        FallingBack(exception);
        return await local.ListAsync(cancellationToken);
    }

    private void FallingBack(Exception? exception)
    {
        if (Interlocked.Exchange(ref _usingFallback, 1) == 0)
        {
            LogFallingBack(logger, exception);
        }
    }

    private void Recovered()
    {
        if (Volatile.Read(ref _usingFallback) == 1 && Interlocked.Exchange(ref _usingFallback, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    private static long Milliseconds(TimeSpan duration) => (long)duration.TotalMilliseconds;

    /// <summary>Members are "provider:tenant" with the tenant as 32 hex digits; the provider itself may hold colons.</summary>
    private static CircuitKey? ParseMember(string member)
    {
        var separator = member.LastIndexOf(':');
        return separator > 0 && Guid.TryParseExact(member.AsSpan(separator + 1), "N", out var tenantId)
            ? new CircuitKey(member[..separator], tenantId)
            : null;
    }

    private static CircuitRecord FromHash(HashEntry[] fields)
    {
        var values = fields.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString(), StringComparer.Ordinal);
        return ToRecord(values.GetValueOrDefault("state"), values.GetValueOrDefault("failures"), values.GetValueOrDefault("openedAt"),
            values.GetValueOrDefault("nextProbeAt"), values.GetValueOrDefault("probeLeaseUntil"), values.GetValueOrDefault("forced"));
    }

    private static CircuitRecord ToRecord(string? state, string? failures, string? openedAt, string? nextProbeAt, string? lease, string? forced) =>
        new(ParseState(state),
            int.TryParse(failures, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0,
            ParseTime(openedAt),
            ParseTime(nextProbeAt),
            ParseTime(lease),
            forced == "1");

    private static CircuitState ParseState(string? state) =>
        Enum.TryParse<CircuitState>(state, ignoreCase: false, out var parsed) ? parsed : CircuitState.Closed;

    private static DateTime? ParseTime(string? unixMilliseconds) =>
        long.TryParse(unixMilliseconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit {Circuit} went from {From} to {To} for every instance")]
    private static partial void LogTransition(ILogger logger, string circuit, CircuitState from, CircuitState to);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis is unreachable; circuits are decided by this instance alone until it returns")]
    private static partial void LogFallingBack(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back; circuits are shared between instances again")]
    private static partial void LogRecovered(ILogger logger);

    private readonly record struct ScriptReply(string Verdict, CircuitState From, CircuitRecord Record, DateTime? RetryAt)
    {
        public static ScriptReply Parse(RedisResult[] reply) => new(
            reply[0].ToString(),
            ParseState(reply[1].ToString()),
            ToRecord(reply[2].ToString(), reply[3].ToString(), reply[4].ToString(), reply[5].ToString(), reply[6].ToString(), reply[7].ToString()),
            ParseTime(reply[8].ToString()));
    }
}
