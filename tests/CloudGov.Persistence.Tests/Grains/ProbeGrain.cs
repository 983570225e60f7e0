using Orleans.Placement;
using Orleans.Runtime;

namespace CloudGov.Persistence.Tests.Grains;

[PreferLocalPlacement]
public sealed class ProbeGrain(
    [PersistentState("probe", "store")] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain, IRemindable
{
    public async Task SetAsync(string note)
    {
        state.State = new ProbeState { Counter = state.State.Counter + 1, Note = note };
        await state.WriteStateAsync();
    }

    public Task<ProbeState> GetAsync() => Task.FromResult(state.State);

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public Task RegisterReminderAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30));

    public async Task<string[]> ReminderNamesAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
