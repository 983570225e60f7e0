using CloudGov.ControlPlane.Abstractions.Live;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;

namespace CloudGov.ControlPlane.Dashboard;

/// <summary>Tells the live feed about every committed quota decision, so the dashboards' quota views update at once.</summary>
internal sealed class LiveQuotaSink(IGrainFactory grains) : IQuotaDecisionSink
{
    public Task RecordAsync(IReadOnlyList<QuotaDecision> decisions)
    {
        grains.GetGrain<ILiveFeedGrain>(0).PublishAsync(LiveTopic.Quota, string.Empty).Ignore();
        return Task.CompletedTask;
    }
}
