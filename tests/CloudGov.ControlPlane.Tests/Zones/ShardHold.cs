namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>One held shard call: <see cref="Started"/> completes when the call reached the shard; completing <see cref="Released"/> lets it go on.</summary>
internal sealed class ShardHold
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
