namespace CloudGov.ControlPlane.Stopping;

/// <summary>
/// Releases the <see cref="GatewayDrain"/>'s held streams when the silo stops its application-services stage, which it
/// does after the activations were deactivated (stopping runs the stages in reverse: Active, BecomeActive, then this).
/// </summary>
internal sealed class StreamRelease(GatewayDrain drain) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StreamRelease), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, _ =>
        {
            drain.ReleaseStreams();
            return Task.CompletedTask;
        });
}
