using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Tests.Upgrades;

/// <summary>Commands stored by the release before the shared WorkloadSpec are read and carried over by this one.</summary>
public sealed class ZoneCommandUpgradeTests
{
    [Test]
    public void Deserialize_CommandWrittenBeforeTheSharedSpec_UpgradedWithEveryField()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var deadline = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var old = new PreLedgerZoneCommand("place-1", ZoneCommandKind.Place, "nn-dsj-01", "nn-dsj", "一网通办", new ResourceVector(4000, 8192, 100), MlpsLevel.Level3, deadline);

        // The same bytes the earlier release wrote for its ZoneCommand: fields by id, the root type implied by the caller.
        var bytes = serializer.SerializeToArray(old);
        var read = serializer.Deserialize<ZoneCommand>(bytes);

        var upgraded = read!.Upgraded();
        Assert.That((upgraded.CommandId, upgraded.Kind, upgraded.Deadline), Is.EqualTo(("place-1", ZoneCommandKind.Place, deadline)));
        Assert.That(upgraded.Workload, Is.EqualTo(new WorkloadSpec("nn-dsj-01", "nn-dsj", "一网通办", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level3)));
        Assert.That(upgraded.LegacyWorkloadId, Is.Null, "the upgraded command no longer carries the old fields");
    }

    [Test]
    public void Upgraded_CommandOfThisRelease_Unchanged()
    {
        var command = new ZoneCommand("c", ZoneCommandKind.Remove, new WorkloadSpec("w", "t"), DateTimeOffset.UnixEpoch);

        Assert.That(command.Upgraded(), Is.SameAs(command));
    }
}
