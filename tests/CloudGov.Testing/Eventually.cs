using System.Diagnostics;
using NUnit.Framework;

namespace CloudGov.Testing;

/// <summary>Polls a condition until it holds or a deadline passes; the failure says what was expected.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> returns true; fails with <paramref name="expectation"/> otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < limit)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Timed out after {limit.TotalSeconds:F0} s waiting for: {expectation}" + (last is null ? string.Empty : $" (last error: {last.Message})"));
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, timeout);
}
