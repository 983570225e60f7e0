using System.Net;

namespace CloudGov.Testing;

/// <summary>
/// Asks a host's <c>/healthz</c> over and over (one request at a time, each with a 5 s client timeout) until disposed,
/// counting the answers that were not 200 and the requests that failed or timed out.
/// </summary>
public sealed class HealthWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _pause;
    private readonly List<string> _failures = [];
    private bool _stopped;

    private HealthWatch(Uri httpAddress, TimeSpan pause)
    {
        _http = new HttpClient { BaseAddress = httpAddress, Timeout = TimeSpan.FromSeconds(5) };
        _pause = pause;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Answers received (any status).</summary>
    public int Answers { get; private set; }

    /// <summary>What went wrong, one line per bad answer or failed request (e.g. "503 at 12:00:01.123").</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Starts watching <paramref name="httpAddress"/>, pausing <paramref name="pause"/> (default 50 ms) between requests.</summary>
    public static HealthWatch Start(Uri httpAddress, TimeSpan? pause = null) => new(httpAddress, pause ?? TimeSpan.FromMilliseconds(50));

    /// <summary>Stops watching (the request in flight completes first); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            string? failure = null;
            try
            {
                using var response = await _http.GetAsync("/healthz", CancellationToken.None);
                Answers++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failure = $"{(int)response.StatusCode} at {DateTime.UtcNow:HH:mm:ss.fff}";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failure = $"{ex.GetType().Name} at {DateTime.UtcNow:HH:mm:ss.fff}: {ex.Message}";
            }

            if (failure is not null)
            {
                lock (_failures)
                {
                    _failures.Add(failure);
                }
            }

            await Task.Delay(_pause, _stop.Token);
        }
    }
}
