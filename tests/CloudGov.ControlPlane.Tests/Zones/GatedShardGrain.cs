using System.Reflection;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>A ledger shard grain reference whose SyncZonesAsync goes through a <see cref="GatedShards"/>; everything else is forwarded. (Not sealed: DispatchProxy derives from it.)</summary>
internal class GatedShardGrain : DispatchProxy
{
    private ILedgerShardGrain _inner = null!;
    private GatedShards _gate = null!;

    public static ILedgerShardGrain Create(ILedgerShardGrain inner, GatedShards gate)
    {
        var proxy = Create<ILedgerShardGrain, GatedShardGrain>();
        var self = (GatedShardGrain)(object)proxy;
        self._inner = inner;
        self._gate = gate;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(ILedgerShardGrain.SyncZonesAsync))
        {
            var syncs = (ImmutableArray<ZoneSync>)args![0]!;
            return _gate.CallAsync((int)_inner.GetPrimaryKeyLong(), syncs, () => _inner.SyncZonesAsync(syncs));
        }

        return GatedGrainFactory.Forward(targetMethod, _inner, args);
    }
}
