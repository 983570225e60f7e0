using System.Reflection;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>
/// An <see cref="IGrainFactory"/> that forwards to the test cluster but hands out ledger shard grains whose
/// SyncZonesAsync goes through a <see cref="GatedShards"/>. (Not sealed: DispatchProxy derives from it.)
/// </summary>
internal class GatedGrainFactory : DispatchProxy
{
    private IGrainFactory _inner = null!;
    private GatedShards _gate = null!;

    public static IGrainFactory Create(IGrainFactory inner, GatedShards gate)
    {
        var proxy = Create<IGrainFactory, GatedGrainFactory>();
        var self = (GatedGrainFactory)(object)proxy;
        self._inner = inner;
        self._gate = gate;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        object? result = Forward(targetMethod!, _inner, args);
        return result is ILedgerShardGrain shard ? GatedShardGrain.Create(shard, _gate) : result;
    }

    internal static object? Forward(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
