using System.Collections.Concurrent;
using Orleans.Storage;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>
/// An in-memory grain storage whose writes can be made to fail for chosen grains, to prove that a failed write
/// leaves no ghost state behind. Stored state is the grain's own immutable record, as a real store would hand back
/// what was last written.
/// </summary>
public sealed class FaultInjectingGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (object State, long Version)> _rows = new();
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);
    private int _failedWrites;

    /// <summary>Writes that were made to fail so far.</summary>
    public int FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>Makes every write of the grain with this primary key fail until <see cref="Heal"/>.</summary>
    public void FailWritesFor(string grainKey) => _failing[grainKey] = true;

    /// <summary>Lets writes of the grain succeed again.</summary>
    public void Heal(string grainKey) => _failing.TryRemove(grainKey, out _);

    /// <summary>The version stored for a grain's state (0 if none).</summary>
    public long StoredVersion(string stateName, GrainId grainId) => _rows.TryGetValue((stateName, grainId), out var row) ? row.Version : 0;

    /// <summary>The state stored for a grain, if any.</summary>
    public T? Stored<T>(string stateName, GrainId grainId) where T : class =>
        _rows.TryGetValue((stateName, grainId), out var row) ? (T)row.State : null;

    /// <summary>Stores <paramref name="state"/> for a grain as if an earlier run (or release) had written it.</summary>
    public void Seed(string stateName, GrainId grainId, object state) =>
        _rows.AddOrUpdate((stateName, grainId), (state, 1), (_, row) => (state, row.Version + 1));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = (T)row.State;
            grainState.ETag = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_failing.ContainsKey(grainId.Key.ToString()!))
        {
            Interlocked.Increment(ref _failedWrites);
            throw new IOException($"injected write fault for {grainId}");
        }

        var key = (stateName, grainId);
        long current = _rows.TryGetValue(key, out var row) ? row.Version : 0;
        string expected = current == 0 ? string.Empty : current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((grainState.ETag ?? string.Empty) != expected)
        {
            throw new InconsistentStateException($"stale ETag {grainState.ETag}; stored {expected}", grainState.ETag, expected);
        }

        _rows[key] = (grainState.State!, current + 1);
        grainState.ETag = (current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
