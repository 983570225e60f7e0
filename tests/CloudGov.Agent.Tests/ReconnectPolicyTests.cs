using CloudGov.Agent.Connection;
using Grpc.Core;

namespace CloudGov.Agent.Tests;

public sealed class ReconnectPolicyTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    // random() = 0.5 makes the jitter factor exactly 1.
    private static ReconnectPolicy Policy(int hosts) => new(Initial, Max, hosts, () => 0.5);

    [Test]
    public void NextDelay_HostStoppingWithAnotherHostConfigured_ReconnectsAtOnce()
    {
        var policy = Policy(hosts: 2);

        Assert.That(policy.NextDelay(hostStopping: true), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void NextDelay_EveryHostSaidStoppingInARow_BacksOffAgain()
    {
        var policy = Policy(hosts: 3);

        var delays = new[] { policy.NextDelay(true), policy.NextDelay(true), policy.NextDelay(true), policy.NextDelay(true) };

        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.Zero, Initial, Initial * 2 }));
    }

    [Test]
    public void NextDelay_SingleHostStopping_UsesTheBackoff()
    {
        var policy = Policy(hosts: 1);

        Assert.That(policy.NextDelay(hostStopping: true), Is.EqualTo(Initial));
    }

    [Test]
    public void NextDelay_FailuresThenWelcome_DoublesUpToMaxAndResets()
    {
        var policy = Policy(hosts: 2);
        var grown = Enumerable.Range(0, 8).Select(_ => policy.NextDelay(hostStopping: false)).ToList();
        policy.Connected();

        Assert.Multiple(() =>
        {
            Assert.That(grown[0], Is.EqualTo(Initial));
            Assert.That(grown[1], Is.EqualTo(Initial * 2));
            Assert.That(grown[^1], Is.EqualTo(Max));
            Assert.That(policy.NextDelay(hostStopping: false), Is.EqualTo(Initial), "after a welcome the backoff starts again");
        });
    }

    [Test]
    public void Is_UnavailableWithHostStoppingTrailer_True()
    {
        var ended = new RpcException(new Status(StatusCode.Unavailable, "any text"), new Metadata { { HostStopping.TrailerKey, HostStopping.TrailerValue } });

        Assert.That(HostStopping.Is(ended), Is.True);
    }

    [Test]
    public void Is_UnavailableWithoutTrailerOrOtherCode_False()
    {
        var plain = new RpcException(new Status(StatusCode.Unavailable, "this control-plane host is stopping"));
        var otherCode = new RpcException(new Status(StatusCode.Internal, "x"), new Metadata { { HostStopping.TrailerKey, HostStopping.TrailerValue } });

        Assert.Multiple(() =>
        {
            Assert.That(HostStopping.Is(plain), Is.False, "classified by trailer, not message text");
            Assert.That(HostStopping.Is(otherCode), Is.False);
        });
    }
}
