using System.Net;
using System.Net.Sockets;
using CloudGov.Agent.Providers.Aws;

namespace CloudGov.Agent.Aws.Tests;

/// <summary>
/// EC2 failing: throttled, refusing the credentials, unreachable, timing out. The SDK retries by its own policy;
/// what still fails is a Degraded observation with the reason (the last good inventory kept) or a failed command,
/// never an exception out of the provider.
/// </summary>
[NonParallelizable]
public sealed class AwsProviderErrorTests
{
    private MotoZone _zone = null!;

    [SetUp]
    public async Task SetUpAsync() => _zone = await MotoZone.CreateAsync();

    [TearDown]
    public void TearDown() => _zone.Dispose();

    [Test]
    public async Task ObserveAsync_Throttled_SdkRetriesThenDegradedWithTheReasonAndTheLastGoodInventory()
    {
        var faults = new FaultyEc2 { Action = "DescribeInstances" };
        using var provider = _zone.Provider(http: faults);
        Assert.That((await provider.ExecuteAsync(AwsZoneProviderTests.Place("nn-dsj-kept"), CancellationToken.None)).Succeeded, Is.True);
        var good = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        faults.Fault = (HttpStatusCode.ServiceUnavailable, "RequestLimitExceeded");

        var degraded = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(faults.Attempts, Is.EqualTo(3), "the SDK's standard retry mode: the first attempt and MaxErrorRetry=2 retries");
        Assert.That(degraded.Degraded, Is.True);
        Assert.That(degraded.DegradedReason, Does.StartWith("EC2 DescribeInstances: throttled (RequestLimitExceeded)"));
        Assert.That(degraded.Workloads.Select(w => w.WorkloadId), Is.EqualTo(good.Workloads.Select(w => w.WorkloadId)), "nothing looks removed while EC2 cannot be read");
        Assert.That(degraded.Capacity, Is.EqualTo(good.Capacity));

        faults.Fault = null;
        var recovered = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(recovered.Degraded, Is.False);
        Assert.That(recovered.DegradedReason, Is.Null);
    }

    [Test]
    public async Task ObserveAndPlace_AuthFailure_DegradedAndTheCommandFailsSayingAuthenticationFailed()
    {
        var faults = new FaultyEc2 { Fault = (HttpStatusCode.Unauthorized, "AuthFailure") };
        using var provider = _zone.Provider(http: faults);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        var place = await provider.ExecuteAsync(AwsZoneProviderTests.Place("nn-dsj-auth"), CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("authentication failed (AuthFailure)"));
        Assert.That(observation.Workloads, Is.Empty, "before any good observation there is nothing to keep");
        Assert.That(observation.Capacity, Is.EqualTo(new ResourceVector()), "no capacity: nothing is scheduled onto a zone nobody can see");
        Assert.That(place.Succeeded, Is.False);
        Assert.That(place.Message, Does.Contain("authentication failed (AuthFailure)"));
        Assert.That(await _zone.LiveInstancesAsync(), Is.Empty);
    }

    [Test]
    public async Task ObserveAsync_EndpointRefusesConnections_DegradedUnreachable()
    {
        int closed = FreePort.Next();
        using var provider = _zone.Provider(_zone.Options($"http://127.0.0.1:{closed}/"));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.StartWith("EC2 DescribeInstances: unreachable"));
    }

    [Test]
    public async Task ObserveAsync_EndpointNeverAnswers_DegradedTimedOutAfterTheRequestTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });
        var options = _zone.Options($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        options.RequestTimeout = TimeSpan.FromSeconds(1);
        options.MaxErrorRetry = 1;
        using var provider = _zone.Provider(options);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.StartWith("EC2 DescribeInstances: timed out"));
        silent.Stop();
        await accepting;
        accepted.ForEach(c => c.Dispose());
    }
}
