using System.Text.RegularExpressions;
using CloudGov.Baselines.Evaluation;
using CloudGov.ControlPlane.Grains.Baselines;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Proto.Baseline.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The baseline API's one validator: a check per request, each throwing InvalidArgument with a google.rpc.BadRequest naming
/// every bad field (bad values quoted by a short escaped prefix only). Runs before any grain is called, so bad input changes nothing.
/// </summary>
internal sealed partial class BaselineRequestValidator(BaselineEvaluator evaluator, TimeProvider time)
{
    /// <summary>The longest waiver reason.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The longest a waiver may run.</summary>
    public static readonly TimeSpan MaxWaiver = TimeSpan.FromDays(365);

    /// <summary>Findings per page at most.</summary>
    public const int MaxFindingsPage = 1000;

    /// <summary>Waivers per page at most.</summary>
    public const int MaxWaiversPage = 500;

    /// <summary>The page size when a request gives 0.</summary>
    public const int DefaultPage = 100;

    public void Validate(ListRulesRequest r)
    {
        var p = new List<FieldProblem>();
        Defined(p, "source", r.Source);
        Defined(p, "mlps_level", r.MlpsLevel);
        Defined(p, "mode", r.Mode);
        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(ListFindingsRequest r)
    {
        var p = new List<FieldProblem>();
        Id(p, "zone_id", r.ZoneId, "a zone id");
        Id(p, "workload_id", r.WorkloadId, "a workload id");
        Id(p, "tenant_id", r.TenantId, "a tenant id");
        Rule(p, "rule_id", r.RuleId, required: false);
        Defined(p, "min_severity", r.MinSeverity);
        Defined(p, "state", r.State);
        Page(p, r.PageSize, MaxFindingsPage);
        if (r.PageToken.Length > 0 && !FindingIds.IsValid(r.PageToken))
        {
            p.Add(new("page_token", "is not a token this API returned; pass next_page_token unchanged, or empty for the first page"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(GetFindingRequest r)
    {
        if (!FindingIds.IsValid(r.FindingId))
        {
            throw FieldErrors.Invalid("finding_id", $"{WireText.Quote(r.FindingId)} is not a finding id: \"f-\" and 16 lowercase hex digits");
        }
    }

    public void Validate(RequestWaiverRequest r)
    {
        var p = new List<FieldProblem>();
        var rule = Rule(p, "rule_id", r.RuleId, required: true);
        bool zone = r.ZoneId.Length > 0, workload = r.WorkloadId.Length > 0;
        if (zone == workload)
        {
            p.Add(new(zone ? "workload_id" : "zone_id", "give exactly one of zone_id (rule × zone) and workload_id (rule × workload)"));
        }

        Id(p, "zone_id", r.ZoneId, "a zone id");
        Id(p, "workload_id", r.WorkloadId, "a workload id");
        if (rule is not null && zone && rule.Subject == CloudGov.Baselines.Model.RuleSubject.Workload)
        {
            p.Add(new("zone_id", $"rule {rule.Id} judges workloads; waive it for a workload_id"));
        }

        if (rule is not null && workload && rule.Subject == CloudGov.Baselines.Model.RuleSubject.Zone)
        {
            p.Add(new("workload_id", $"rule {rule.Id} judges zones; waive it for a zone_id"));
        }

        Reason(p, "reason", r.Reason, required: true);
        var now = time.GetUtcNow();
        if (r.ExpiresAt is null)
        {
            p.Add(new("expires_at", "is required: when the waiver stops applying (at most 365 days ahead)"));
        }
        else if (r.ExpiresAt.Seconds is < 0 or > 253_402_300_799 || r.ExpiresAt.Nanos is < 0 or > 999_999_999)
        {
            p.Add(new("expires_at", "is not a valid timestamp (years 1970-9999)"));
        }
        else if (r.ExpiresAt.ToDateTimeOffset() <= now)
        {
            p.Add(new("expires_at", "is not in the future"));
        }
        else if (r.ExpiresAt.ToDateTimeOffset() > now + MaxWaiver)
        {
            p.Add(new("expires_at", "is more than 365 days ahead; request a shorter waiver and renew it"));
        }

        if (!WireText.IsId(r.IdempotencyKey))
        {
            p.Add(new("idempotency_key", $"{WireText.Quote(r.IdempotencyKey)} is not a valid key: 1-{WireLimits.MaxIdLength} characters, no whitespace or control characters; send a fresh one per new request and the same one on a retry"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(ApproveWaiverRequest r)
    {
        var p = new List<FieldProblem>();
        WaiverId(p, "waiver_id", r.WaiverId, required: true);
        Reason(p, "reason", r.Reason, required: false);
        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(RevokeWaiverRequest r)
    {
        var p = new List<FieldProblem>();
        WaiverId(p, "waiver_id", r.WaiverId, required: true);
        Reason(p, "reason", r.Reason, required: true);
        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(ListWaiversRequest r)
    {
        var p = new List<FieldProblem>();
        Rule(p, "rule_id", r.RuleId, required: false);
        Id(p, "zone_id", r.ZoneId, "a zone id");
        Id(p, "workload_id", r.WorkloadId, "a workload id");
        Id(p, "tenant_id", r.TenantId, "a tenant id");
        Defined(p, "state", r.State);
        Page(p, r.PageSize, MaxWaiversPage);
        if (r.PageToken.Length > 0 && !WaiverPattern().IsMatch(r.PageToken))
        {
            p.Add(new("page_token", "is not a token this API returned; pass next_page_token unchanged, or empty for the first page"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public void Validate(GetComplianceScoresRequest r)
    {
        var p = new List<FieldProblem>();
        Id(p, "zone_id", r.ZoneId, "a zone id");
        Id(p, "tenant_id", r.TenantId, "a tenant id");
        Defined(p, "mlps_level", r.MlpsLevel);
        FieldErrors.ThrowIfAny(p);
    }

    [GeneratedRegex("^w-[0-9]{12}$")]
    private static partial Regex WaiverPattern();

    private CloudGov.Baselines.Model.RuleDescriptor? Rule(List<FieldProblem> p, string field, string value, bool required)
    {
        if (value.Length == 0 && !required)
        {
            return null;
        }

        if (evaluator.Pack.Find(value) is { } rule)
        {
            return rule.Descriptor;
        }

        p.Add(new(field, value.Length == 0 ? "is required: a rule id (ListRules names them)" : $"{WireText.Quote(value)} is not a rule in force; ListRules names them"));
        return null;
    }

    private static void WaiverId(List<FieldProblem> p, string field, string value, bool required)
    {
        if ((value.Length > 0 || required) && !WaiverPattern().IsMatch(value))
        {
            p.Add(new(field, $"{WireText.Quote(value)} is not a waiver id: \"w-\" and 12 digits"));
        }
    }

    private static void Id(List<FieldProblem> p, string field, string value, string what)
    {
        if (value.Length > 0 && !WireText.IsId(value))
        {
            p.Add(new(field, $"{WireText.Quote(value)} is not {what}: 1-{WireLimits.MaxIdLength} characters, no whitespace or control characters"));
        }
    }

    private static void Reason(List<FieldProblem> p, string field, string value, bool required)
    {
        if (required && value.Trim().Length == 0)
        {
            p.Add(new(field, $"is required: say why (1-{MaxReasonLength} characters)"));
        }
        else if (value.Length > MaxReasonLength || value.Any(c => char.IsControl(c) && c != '\n'))
        {
            p.Add(new(field, $"must be at most {MaxReasonLength} characters without control characters other than newlines"));
        }
    }

    private static void Page(List<FieldProblem> p, int size, int max)
    {
        if (size < 0 || size > max)
        {
            p.Add(new("page_size", $"is {size}; it must be from 0 (= {DefaultPage}) to {max}"));
        }
    }

    private static void Defined<T>(List<FieldProblem> p, string field, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            p.Add(new(field, $"is {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}, not a defined {typeof(T).Name}"));
        }
    }
}
