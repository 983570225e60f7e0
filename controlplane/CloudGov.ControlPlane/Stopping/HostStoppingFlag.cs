namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Set once the host starts stopping. A plain object with no dependencies, so the log providers (which everything else
/// depends on) can read it without a cycle through the container.
/// </summary>
internal sealed class HostStoppingFlag
{
    private int _set;

    /// <summary>True once the host started stopping.</summary>
    public bool IsSet => Volatile.Read(ref _set) == 1;

    /// <summary>Marks the host stopping.</summary>
    public void Set() => Volatile.Write(ref _set, 1);
}
