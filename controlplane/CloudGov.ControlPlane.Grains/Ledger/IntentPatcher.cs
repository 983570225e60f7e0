using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>Applies an <see cref="IntentPatch"/> to an intent (pure).</summary>
public static class IntentPatcher
{
    /// <summary>
    /// The patched intent. Registering an unmanaged record needs the patch to set both allowed regions and network
    /// plane (adoption never guesses them); it is released (unpinned) unless the patch pins it.
    /// </summary>
    public static (WorkloadSpec Next, bool Registers, string? Problem) Apply(WorkloadSpec current, bool managed, IntentPatch patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        if (!managed && !patch.DeclaresPlacementRules)
        {
            return (current, false, $"workload '{current.WorkloadId}' is unmanaged: registering its intent needs patch.allowed_regions and patch.network_plane");
        }

        var next = Patch(current, patch);
        if (!managed)
        {
            next = next with { Pinned = patch.Pinned ?? false };
        }

        return (next, !managed, null);
    }

    /// <summary>A new record's intent from the patch alone; it must give tenant, level, regions, plane and requests.</summary>
    public static (WorkloadSpec? Spec, string? Problem) Create(string workloadId, IntentPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.TenantId is null || patch.MlpsLevel is null || patch.AllowedRegions is null || patch.NetworkPlane is null || patch.Requests is null)
        {
            return (null, $"workload '{workloadId}' has no record: registering it needs patch.tenant_id, patch.mlps_level, patch.allowed_regions, patch.network_plane and patch.requests");
        }

        return (Patch(new WorkloadSpec(workloadId, patch.TenantId), patch), null);
    }

    private static WorkloadSpec Patch(WorkloadSpec current, IntentPatch patch)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in current.Labels.IsDefault ? [] : current.Labels)
        {
            labels[l.Key] = l.Value;
        }

        foreach (var key in patch.RemoveLabels.IsDefault ? [] : patch.RemoveLabels)
        {
            labels.Remove(key);
        }

        foreach (var l in patch.SetLabels.IsDefault ? [] : patch.SetLabels)
        {
            labels[l.Key] = l.Value;
        }

        return current with
        {
            TenantId = patch.TenantId ?? current.TenantId,
            System = patch.System ?? current.System,
            Project = patch.Project ?? current.Project,
            MlpsLevel = patch.MlpsLevel ?? current.MlpsLevel,
            AllowedRegions = patch.AllowedRegions ?? (current.AllowedRegions.IsDefault ? [] : current.AllowedRegions),
            NetworkPlane = patch.NetworkPlane ?? current.NetworkPlane,
            AntiAffinityGroup = patch.AntiAffinityGroup ?? current.AntiAffinityGroup,
            Pinned = patch.Pinned ?? current.Pinned,
            Priority = patch.Priority ?? current.Priority,
            MigrationCost = patch.MigrationCost ?? current.MigrationCost,
            Requests = patch.Requests ?? current.Requests,
            Labels = [.. labels.Select(p => new WorkloadLabel(p.Key, p.Value))],
        };
    }
}
