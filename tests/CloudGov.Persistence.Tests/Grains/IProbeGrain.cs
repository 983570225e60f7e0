namespace CloudGov.Persistence.Tests.Grains;

/// <summary>A grain with persistent state and reminders, to exercise the storage providers end to end.</summary>
[Alias("cloudgov.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Sets the note, increments the counter and writes the state.</summary>
    [Alias("Set")] Task SetAsync(string note);

    /// <summary>Returns the current state.</summary>
    [Alias("Get")] Task<ProbeState> GetAsync();

    /// <summary>Returns the address of the silo hosting this activation.</summary>
    [Alias("Silo")] Task<string> SiloAsync();

    /// <summary>Registers a reminder that is not due during a test.</summary>
    [Alias("Remind")] Task RegisterReminderAsync(string name);

    /// <summary>Lists this grain's reminder names.</summary>
    [Alias("Reminders")] Task<string[]> ReminderNamesAsync();
}
