namespace CloudGov.ControlPlane.Abstractions.Live;

/// <summary>A host that serves dashboard circuits: told when something they show changed.</summary>
[Alias("cloudgov.ILiveFeedObserver")]
public interface ILiveFeedObserver : IGrainObserver
{
    /// <summary><paramref name="topic"/> changed; <paramref name="key"/> names what (a plan id) or is empty.</summary>
    [Orleans.Concurrency.OneWay, Alias("Changed")]
    Task ChangedAsync(LiveTopic topic, string key);
}
