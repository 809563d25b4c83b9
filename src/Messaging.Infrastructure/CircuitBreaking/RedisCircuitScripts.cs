namespace Messaging.Infrastructure.CircuitBreaking;

/// <summary>
/// One Lua script per transition, so each read-decide-write is atomic across every instance. They apply the rules of
/// <see cref="CircuitRecord"/>. KEYS: the circuit's hash, the set of known circuits. ARGV: now (Unix ms), the circuit's
/// member name in the set, idle expiry, failure threshold, recovery timeout, probe timeout, half-open retry interval
/// (all durations in ms). Every script answers the verdict, the state before, the record after and a retry time.
/// </summary>
internal static class RedisCircuitScripts
{
    private const string Prelude = """
        local function num(value) if value then return tonumber(value) end return nil end
        local now = tonumber(ARGV[1])
        local idle = tonumber(ARGV[3])
        local v = redis.call('HMGET', KEYS[1], 'state', 'failures', 'openedAt', 'nextProbeAt', 'probeLeaseUntil', 'forced')
        local c = { state = v[1] or 'Closed', failures = num(v[2]) or 0, openedAt = num(v[3]), nextProbeAt = num(v[4]),
                    lease = num(v[5]), forced = v[6] == '1' }
        local from = c.state
        local function open()
          c.state = 'Open'; c.openedAt = now; c.nextProbeAt = now + tonumber(ARGV[5]); c.lease = nil
        end
        local function save()
          redis.call('HSET', KEYS[1], 'state', c.state, 'failures', c.failures, 'openedAt', c.openedAt or '',
            'nextProbeAt', c.nextProbeAt or '', 'probeLeaseUntil', c.lease or '', 'forced', c.forced and '1' or '0')
          redis.call('SADD', KEYS[2], ARGV[2])
          if c.forced then
            redis.call('PERSIST', KEYS[1])
          else
            local last = now
            if c.state == 'Open' and c.nextProbeAt then last = c.nextProbeAt end
            if c.state == 'HalfOpen' and c.lease then last = c.lease end
            redis.call('PEXPIRE', KEYS[1], math.max(last - now, 0) + idle)
          end
        end
        local function reply(verdict, retryAt)
          return { verdict, from, c.state, c.failures, c.openedAt or '', c.nextProbeAt or '', c.lease or '',
                   c.forced and '1' or '0', retryAt or '' }
        end

        """;

    public const string Acquire = Prelude + """
        if c.forced then return reply('refused', now + tonumber(ARGV[5])) end
        if c.state == 'Closed' then return reply('allowed') end
        if c.state == 'Open' and now < (c.nextProbeAt or 0) then return reply('refused', c.nextProbeAt) end
        if c.state == 'HalfOpen' and c.lease and now < c.lease then
          return reply('refused', math.min(c.lease, now + tonumber(ARGV[7])))
        end
        c.state = 'HalfOpen'; c.lease = now + tonumber(ARGV[6])
        save()
        return reply('probe')
        """;

    public const string Success = Prelude + """
        if c.forced or c.state == 'Open' or (c.state == 'Closed' and c.failures == 0) then return reply('none') end
        c.state = 'Closed'; c.failures = 0; c.openedAt = nil; c.nextProbeAt = nil; c.lease = nil
        save()
        return reply('none')
        """;

    public const string Failure = Prelude + """
        if c.forced then return reply('none') end
        c.failures = c.failures + 1
        if c.state == 'HalfOpen' or (c.state == 'Closed' and c.failures >= tonumber(ARGV[4])) then open() end
        save()
        return reply('none')
        """;

    public const string ForceOpen = Prelude + """
        if not (c.state == 'Open' and c.openedAt) then c.openedAt = now end
        c.state = 'Open'; c.forced = true; c.nextProbeAt = nil; c.lease = nil
        save()
        return reply('none')
        """;

    public const string Reset = Prelude + """
        c.state = 'Closed'; c.failures = 0; c.openedAt = nil; c.nextProbeAt = nil; c.lease = nil; c.forced = false
        save()
        return reply('none')
        """;

    /// <summary>KEYS: the set, then each circuit's hash; ARGV: each circuit's member. Forgets members whose hash expired.</summary>
    public const string Prune = """
        local removed = 0
        for i = 1, #ARGV do
          if redis.call('EXISTS', KEYS[i + 1]) == 0 then removed = removed + redis.call('SREM', KEYS[1], ARGV[i]) end
        end
        return removed
        """;
}
