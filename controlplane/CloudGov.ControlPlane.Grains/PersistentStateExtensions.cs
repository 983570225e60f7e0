namespace CloudGov.ControlPlane.Grains;

/// <summary>The grains' one rule for storage: a new state is written whole, and a failed write leaves the old one in place.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes <paramref name="next"/> as the grain's state. If the write fails, the stored state object is put back
    /// and the exception propagates, so nothing in memory claims a change that storage does not have.
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> storage, T next, CancellationToken cancellationToken = default)
    {
        var before = storage.State;
        storage.State = next;
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch
        {
            storage.State = before;
            throw;
        }
    }
}
