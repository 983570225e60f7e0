using System.Net;
using CloudGov.ControlPlane.Grains.Zones;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Tests.Stopping;

public sealed class SessionHostLivenessTests
{
    private static readonly SiloAddress Local = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 200);

    private static string Host(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation).ToParsableString();

    [TestCase(SiloStatus.Dead, true)]
    [TestCase(SiloStatus.Active, false)]
    [TestCase(SiloStatus.Joining, false)]
    [TestCase(SiloStatus.ShuttingDown, false)]
    public void IsGone_KnownHost_GoneOnlyWhenDead(SiloStatus status, bool gone) =>
        Assert.That(SessionHostLiveness.IsGone(Host(22222, 100), _ => status, Local), Is.EqualTo(gone));

    [Test]
    public void IsGone_UnknownHostOlderThanThisSilo_Gone() =>
        Assert.That(SessionHostLiveness.IsGone(Host(11111, 100), _ => SiloStatus.None, Local), Is.True, "a restarted single node's earlier self");

    [Test]
    public void IsGone_UnknownHostNewerThanThisSilo_NotGone() =>
        Assert.That(SessionHostLiveness.IsGone(Host(22222, 300), _ => SiloStatus.None, Local), Is.False, "may have joined a moment ago");

    [Test]
    public void IsGone_UnparsableHost_NotJudged() =>
        Assert.That(SessionHostLiveness.IsGone("not a silo", _ => SiloStatus.Dead, Local), Is.False);
}
