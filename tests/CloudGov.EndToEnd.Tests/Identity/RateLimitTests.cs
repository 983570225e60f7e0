using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Grpc.Health.V1;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>Per-identity limits: the caller over its budget gets RESOURCE_EXHAUSTED at once, every other caller is served.</summary>
public sealed class RateLimitTests
{
    private const int Burst = 5;

    [Test]
    public async Task ListPlans_OneCallerOverItsBurst_ResourceExhaustedForItOthersAndHealthStillServed()
    {
        await using var host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:RateLimit:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:RateLimit:PerSecond"] = "1",
        });
        using var channel = TestTokens.Channel(host.GrpcAddress, anonymous: true);
        var operations = new OperationsService.OperationsServiceClient(channel);
        var busy = TestTokens.Bearer(TestTokens.Issue(CallerRole.Operator, "busy-script"));
        var other = TestTokens.Bearer(TestTokens.Issue(CallerRole.Auditor, "someone-else"));

        var statuses = new List<StatusCode>();
        for (int i = 0; i < Burst * 4; i++)
        {
            try
            {
                await operations.ListPlansAsync(new ListPlansRequest(), busy, DateTime.UtcNow.AddSeconds(15));
                statuses.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                statuses.Add(ex.StatusCode);
                if (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    Assert.That(ex.Status.Detail, Does.Contain("request limit"));
                }
            }
        }

        var othersCall = await operations.ListPlansAsync(new ListPlansRequest(), other, DateTime.UtcNow.AddSeconds(15));
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(15));

        Assert.That(statuses.Take(Burst), Is.All.EqualTo(StatusCode.OK), "the burst is served");
        Assert.That(statuses, Has.Some.EqualTo(StatusCode.ResourceExhausted), "beyond the burst the caller is refused");
        Assert.That(statuses.Count(s => s == StatusCode.OK), Is.LessThan(Burst * 4), "not every call is served");
        Assert.That(statuses, Is.All.AnyOf(StatusCode.OK, StatusCode.ResourceExhausted));
        Assert.That(othersCall.Plans, Is.Not.Null, "another caller is served at once");
        Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving), "health is never limited");
    }
}
