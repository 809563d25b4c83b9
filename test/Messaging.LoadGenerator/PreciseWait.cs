using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Messaging.LoadGenerator;

/// <summary>
/// Waits until a Stopwatch timestamp with microsecond-level precision without burning a core: on Linux it
/// sleeps in nanosleep (with the thread's timer slack cut to 1 µs) until shortly before the target and
/// spins/yields only for the last stretch; elsewhere it sleeps in 1 ms steps and yields for the last ms.
/// </summary>
public static class PreciseWait
{
    private const int PrSetTimerSlack = 29;
    private static readonly long SpinWindow = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;
    private static bool _nanosleepWorks = OperatingSystem.IsLinux();

    /// <summary>Call once on the thread that will wait.</summary>
    public static void PrepareCurrentThread()
    {
        if (!_nanosleepWorks)
        {
            return;
        }

        try
        {
            _ = prctl(PrSetTimerSlack, 1000, 0, 0, 0);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            _nanosleepWorks = false;
        }
    }

    public static void Until(long targetTimestamp)
    {
        while (true)
        {
            var remaining = targetTimestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (_nanosleepWorks && remaining > SpinWindow)
            {
                Sleep(remaining - SpinWindow / 2);
            }
            else if (!_nanosleepWorks && remaining > OneMillisecond + OneMillisecond / 4)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static void Sleep(long stopwatchTicks)
    {
        var nanoseconds = stopwatchTicks * 1_000_000_000 / Stopwatch.Frequency;
        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        try
        {
            _ = nanosleep(ref request, IntPtr.Zero);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            _nanosleepWorks = false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int nanosleep(ref TimeSpec request, IntPtr remaining);

    [DllImport("libc", SetLastError = false)]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
