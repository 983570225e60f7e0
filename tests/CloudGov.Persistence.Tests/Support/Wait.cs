namespace CloudGov.Persistence.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes; the failure says what was awaited.</summary>
internal static class Wait
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        T? value = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await probe();
                if (done(value))
                {
                    return value;
                }

                last = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                last = ex;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {value}", last);
    }
}
