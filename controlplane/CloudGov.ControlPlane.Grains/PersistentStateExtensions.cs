using Orleans.Storage;

namespace CloudGov.ControlPlane.Grains;

/// <summary>The grains' one rule for storage: a new state is written whole, and a failed write leaves the old one in place.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes <paramref name="next"/> as the grain's state. If the write fails, the stored state object is put back
    /// and the exception propagates, so nothing in memory claims a change that storage does not have. When another
    /// activation wrote meanwhile, <paramref name="owner"/> (if given) is deactivated.
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> storage, T next, CancellationToken cancellationToken = default, IGrainBase? owner = null)
    {
        var before = storage.State;
        storage.State = next;
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            storage.State = before;
            if (ex is InconsistentStateException)
            {
                // Another activation of this grain wrote meanwhile (Orleans' window while a stopping silo still deactivates
                // the grain that a survivor activated again): this copy's view is stale for good. It ends itself, and the
                // next call activates it afresh from what storage holds; what it could not write was never acknowledged.
                owner?.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "a newer state of this grain was written by another activation"));
            }

            throw;
        }
    }
}
