using System.CommandLine;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.Cli.Commands;

/// <summary>The options that describe a workload's intent (一本账), shared by <c>place</c>, <c>workloads register</c> and <c>workloads set-intent</c>.</summary>
internal sealed class IntentOptions
{
    public Option<string?> Tenant { get; } = new("--tenant") { Description = "The owning department (tenant) id, e.g. nn-rsj" };
    public Option<string?> System { get; } = new("--system") { Description = "The business system (业务系统) it belongs to" };
    public Option<string?> Project { get; } = new("--project") { Description = "The construction project (建设项目) it was built under" };
    public Option<string?> Cpu { get; } = new("--cpu") { Description = "Requested CPU: 500m or 2 (cores)" };
    public Option<string?> Memory { get; } = new("--memory") { Description = "Requested memory: 512Mi, 4Gi, or MiB" };
    public Option<string?> Storage { get; } = new("--storage") { Description = "Requested storage: 100Gi, 2Ti, or GiB" };
    public Option<long?> Gpu { get; } = new("--gpu") { Description = "Requested GPUs" };
    public Option<string?> Mlps { get; } = new("--mlps") { Description = "Required MLPS (等保) level: 1-4" };
    public Option<string?> Plane { get; } = new("--plane") { Description = $"Network plane: {Values.Choices<NetworkPlane>()}" };
    public Option<string[]> Regions { get; } = new("--regions") { Description = "Allowed region codes (2, 4 or 6 digits, comma-separated or repeated; 4501 = 南宁)", AllowMultipleArgumentsPerToken = true };
    public Option<bool> Anywhere { get; } = new("--anywhere") { Description = "Allowed anywhere (no residency constraint)" };
    public Option<string?> AntiAffinity { get; } = new("--anti-affinity") { Description = "Anti-affinity group (\"\" clears it)" };
    public Option<bool?> Pinned { get; } = new("--pinned") { Description = "Pin (true: never moved by the scheduler) or release (false)" };
    public Option<int?> Priority { get; } = new("--priority") { Description = "Priority, -1000..1000 (higher moves last)" };
    public Option<double?> MigrationCost { get; } = new("--migration-cost") { Description = "Relative migration cost, 0..1000 (1 is ordinary)" };
    public Option<string[]> Labels { get; } = new("--label") { Description = "A label key=value (repeatable)" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Tenant, System, Project, Cpu, Memory, Storage, Gpu, Mlps, Plane, Regions, Anywhere, AntiAffinity, Pinned, Priority, MigrationCost, Labels })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The requested resources, or null when no resource option was given.</summary>
    public ResourceVector? Requests(CommandContext context)
    {
        string? cpu = context.Get(Cpu), memory = context.Get(Memory), storage = context.Get(Storage);
        long? gpu = context.Get(Gpu);
        if (cpu is null && memory is null && storage is null && gpu is null)
        {
            return null;
        }

        return new ResourceVector
        {
            CpuMillicores = cpu is null ? 0 : Values.Cpu(cpu, "--cpu"),
            MemoryMib = memory is null ? 0 : Values.Memory(memory, "--memory"),
            StorageGib = storage is null ? 0 : Values.Storage(storage, "--storage"),
            Gpu = gpu ?? 0,
        };
    }

    /// <summary>The allowed regions given (empty list for <c>--anywhere</c>), or null when neither was given.</summary>
    public List<string>? AllowedRegions(CommandContext context)
    {
        var regions = Values.List(context.Get(Regions) ?? []);
        if (context.Get(Anywhere))
        {
            return regions.Count > 0 ? throw new CliUsageException("--anywhere and --regions contradict each other; give one") : [];
        }

        return regions.Count > 0 ? regions : null;
    }

    /// <summary>The patch the given options make; unset options keep their value.</summary>
    public IntentPatch Patch(CommandContext context)
    {
        var patch = new IntentPatch();
        if (context.Get(Tenant) is { } tenant) { patch.TenantId = tenant; }
        if (context.Get(System) is { } system) { patch.System = system; }
        if (context.Get(Project) is { } project) { patch.Project = project; }
        if (context.Get(Mlps) is { } mlps) { patch.MlpsLevel = Values.Enum<MlpsLevel>(mlps, "--mlps"); }
        if (context.Get(Plane) is { } plane) { patch.NetworkPlane = Values.Enum<NetworkPlane>(plane, "--plane"); }
        if (AllowedRegions(context) is { } regions) { patch.AllowedRegions = new RegionList { Codes = { regions } }; }
        if (context.Get(AntiAffinity) is { } group) { patch.AntiAffinityGroup = group; }
        if (context.Get(Pinned) is { } pinned) { patch.Pinned = pinned; }
        if (context.Get(Priority) is { } priority) { patch.Priority = priority; }
        if (context.Get(MigrationCost) is { } cost) { patch.MigrationCost = cost; }
        if (Requests(context) is { } requests) { patch.Requests = requests; }
        patch.SetLabels.Add(Values.Labels(context.Get(Labels) ?? [], "--label"));
        return patch;
    }
}
