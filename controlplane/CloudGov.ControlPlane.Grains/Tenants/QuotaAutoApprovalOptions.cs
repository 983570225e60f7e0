namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Which quota requests are decided without an operator (<c>Quota:AutoApproval</c>).</summary>
public sealed class QuotaAutoApprovalOptions
{
    /// <summary>Turns the policy on. Default true; off, every request waits for an operator.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The largest CPU increase decided automatically, in millicores. Default 8000 (8 cores); 0 to 2^40.</summary>
    public long MaxIncreaseCpuMillicores { get; set; } = 8_000;

    /// <summary>The largest memory increase decided automatically, in MiB. Default 16384 (16 GiB); 0 to 2^40.</summary>
    public long MaxIncreaseMemoryMiB { get; set; } = 16_384;

    /// <summary>The largest storage increase decided automatically, in GiB. Default 500; 0 to 2^40.</summary>
    public long MaxIncreaseStorageGiB { get; set; } = 500;

    /// <summary>The largest GPU increase decided automatically. Default 0 (GPUs always need an operator); 0 to 2^40.</summary>
    public long MaxIncreaseGpu { get; set; }

    /// <summary>An automatic increase takes at most this share of what the parent has left to give. Default 0.5; above 0, at most 1.</summary>
    public double MaxShareOfParentRemaining { get; set; } = 0.5;

    /// <summary>Decreases (quota handed back) that keep every invariant are approved automatically. Default true.</summary>
    public bool ApproveDecreases { get; set; } = true;

    /// <summary>The small-increase limit as a vector.</summary>
    public ResourceVector MaxIncrease => new(MaxIncreaseCpuMillicores, MaxIncreaseMemoryMiB, MaxIncreaseStorageGiB, MaxIncreaseGpu);
}
