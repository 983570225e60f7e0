namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// The agent's messages as a stream handler reads them, ending (as if the agent had finished sending) when the host starts
/// stopping, so the handler winds down the way it does for a finished agent: in-flight reports are answered and
/// acknowledged, and the disconnect is recorded.
/// </summary>
internal sealed class DrainingStreamReader<T>(IAsyncStreamReader<T> inner, CancellationToken stopping) : IAsyncStreamReader<T>
{
    /// <summary>True once the stream ended because the host is stopping.</summary>
    public bool Drained { get; private set; }

    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Drained || stopping.IsCancellationRequested)
        {
            Drained = true;
            return false;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            return await inner.MoveNext(both.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Drained = true;
            return false;
        }
    }
}
