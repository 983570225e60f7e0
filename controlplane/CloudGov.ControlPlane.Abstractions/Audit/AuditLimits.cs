namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>The bounds of one entry; the trail cuts longer values (ending them with "…") rather than refuse a decision.</summary>
public static class AuditLimits
{
    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 256;

    /// <summary>Longest role.</summary>
    public const int MaxRoleLength = 32;

    /// <summary>Longest tenant id.</summary>
    public const int MaxTenantLength = 128;

    /// <summary>Most target ids (the last one says how many more were left out).</summary>
    public const int MaxTargets = 16;

    /// <summary>Longest target id.</summary>
    public const int MaxTargetLength = 128;

    /// <summary>Most detail entries.</summary>
    public const int MaxDetailEntries = 32;

    /// <summary>Longest detail key.</summary>
    public const int MaxDetailKeyLength = 64;

    /// <summary>Longest detail value.</summary>
    public const int MaxDetailValueLength = 1024;

    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 2048;
}
