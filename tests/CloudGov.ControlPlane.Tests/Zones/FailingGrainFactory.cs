using System.Reflection;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>An <see cref="IGrainFactory"/> whose every call fails as an unreachable cluster does. (Not sealed: DispatchProxy derives from it.)</summary>
internal class FailingGrainFactory : DispatchProxy
{
    public static IGrainFactory Create() => Create<IGrainFactory, FailingGrainFactory>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new Orleans.Runtime.OrleansException("the cluster is unreachable (test)");
}
