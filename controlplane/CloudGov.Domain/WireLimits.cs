namespace CloudGov.Domain;

/// <summary>
/// Every bound the control plane's wire boundaries enforce (the agent stream and the operations API), in one place.
/// The README's "Inputs and limits" table lists each field with its bound; the proto comments state them too. A message
/// that breaks one is answered InvalidArgument naming the field, and nothing is stored.
/// </summary>
/// <remarks>
/// Resource ceilings are chosen so that no sum the control plane forms can overflow a <see cref="long"/>: one workload
/// requests at most <see cref="ZoneLimits.MaxCapacity"/> (the largest zone), one report carries at most
/// <see cref="ZoneLimits.MaxWorkloadsPerReport"/> workloads, so a zone's requested sum is at most 10,000 × 2^30 ≈ 1.1 × 10^13
/// in any dimension, and a sum over 800,000 such zones still fits (2^63 ≈ 9.2 × 10^18). Sums are checked all the same.
/// </remarks>
public static class WireLimits
{
    /// <summary>The longest workload, tenant or command id (1-128 characters, no whitespace or control characters).</summary>
    public const int MaxIdLength = ZoneLimits.MaxIdLength;

    /// <summary>The longest free text naming something: system, project, anti-affinity group (no control characters or surrounding whitespace).</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest zone display name (1-128 characters, no control characters).</summary>
    public const int MaxDisplayNameLength = 128;

    /// <summary>The longest vendor name (no control characters).</summary>
    public const int MaxVendorLength = 128;

    /// <summary>The longest agent version (no control characters).</summary>
    public const int MaxAgentVersionLength = 64;

    /// <summary>The most capabilities a Hello may list.</summary>
    public const int MaxCapabilities = 16;

    /// <summary>The longest capability (1-64 characters, no whitespace or control characters).</summary>
    public const int MaxCapabilityLength = 64;

    /// <summary>The longest zone label key (1-63 characters) and value (at most 63).</summary>
    public const int MaxZoneLabelLength = 63;

    /// <summary>The most labels on a zone or a workload.</summary>
    public const int MaxLabels = ZoneLimits.MaxLabels;

    /// <summary>The longest workload label key (1-128 characters, no control characters or surrounding whitespace).</summary>
    public const int MaxLabelKeyLength = 128;

    /// <summary>The longest workload label value (no control characters).</summary>
    public const int MaxLabelValueLength = 256;

    /// <summary>The longest posture fact key (1-128 characters, no control characters or surrounding whitespace).</summary>
    public const int MaxPostureKeyLength = 128;

    /// <summary>The longest posture fact value (no control characters).</summary>
    public const int MaxPostureValueLength = 1024;

    /// <summary>The longest command result message (no control characters).</summary>
    public const int MaxCommandMessageLength = 1024;

    /// <summary>The longest reason an agent gives for a degraded zone (<c>ZoneReport.degraded_reason</c>).</summary>
    public const int MaxDegradedReasonLength = 1024;

    /// <summary>The longest operator name (approver, canceller, requested_by).</summary>
    public const int MaxActorLength = 128;

    /// <summary>The longest reason of a plan decision.</summary>
    public const int MaxDecisionReasonLength = 1000;

    /// <summary>The longest reason of an intent change.</summary>
    public const int MaxIntentReasonLength = 512;

    /// <summary>
    /// The highest report sequence accepted: 2^53, far below 2^64 so an agent can never push a zone's sequence where no
    /// later report is new (and exact as a JSON/JavaScript number). A stored sequence above it (written by an earlier
    /// release) is reset to 0 when the zone activates; see the README's "Inputs and limits".
    /// </summary>
    public const ulong MaxSequence = 1UL << 53;

    /// <summary>The most a single workload may request or use in each dimension: the largest zone's capacity.</summary>
    public static ResourceVector MaxWorkloadResources => ZoneLimits.MaxCapacity;

    /// <summary>The earliest observation time accepted (2000-01-01T00:00:00Z).</summary>
    public static readonly DateTimeOffset MinTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The most characters of a bad value an error message or log line quotes (control characters escaped).</summary>
    public const int MaxEchoLength = 32;
}
