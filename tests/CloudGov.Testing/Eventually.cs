using System.Diagnostics;
using NUnit.Framework;

namespace CloudGov.Testing;

/// <summary>
/// Polls a condition until it holds or a deadline passes; the failure says what was expected, the last value seen
/// and the last error. The one wait helper of the test projects: arm it (start the wait) before the action it awaits
/// when the action's effect could be missed.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> returns true; fails with <paramref name="expectation"/> otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null) =>
        await ReturnsAsync(condition, held => held, expectation, timeout);

    /// <summary>Synchronous-condition overload.</summary>
    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, timeout);

    /// <summary>
    /// Calls <paramref name="probe"/> until <paramref name="done"/> accepts its value and returns that value; fails with
    /// <paramref name="expectation"/>, the last value and the last error otherwise. A probe that throws is retried.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        bool seen = false;
        T? value = default;
        while (watch.Elapsed < limit)
        {
            try
            {
                value = await probe();
                seen = true;
                if (done(value))
                {
                    return value;
                }

                last = null;
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(PollInterval);
        }

        var lastValue = seen && value is not bool ? $"; last value: {value}" : string.Empty;
        Assert.Fail($"Timed out after {limit.TotalSeconds:F0} s waiting for: {expectation}{lastValue}" + (last is null ? string.Empty : $" (last error: {last.Message})"));
        throw new UnreachableException();
    }
}
