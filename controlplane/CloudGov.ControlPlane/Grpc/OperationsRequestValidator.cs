using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Proto.Operations.V1;
using LedgerGrouping = CloudGov.Proto.Operations.V1.LedgerGrouping;
using LedgerState = CloudGov.Proto.Operations.V1.LedgerState;
using PlanState = CloudGov.Proto.Operations.V1.PlanState;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The operations API's one validator: a check per request, each throwing InvalidArgument with a google.rpc.BadRequest
/// naming every bad field (bounds in <see cref="WireLimits"/>; intents through <see cref="IntentValidator"/>, which the
/// grains share). A bad value is quoted by a short escaped prefix only. Runs before any grain is called.
/// </summary>
internal static class OperationsRequestValidator
{
    /// <summary>The page size used when a request gives 0.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page of ListWorkloads.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The longest region prefix of ListZones (a full region code).</summary>
    public const int MaxRegionPrefixLength = 6;

    public static void Validate(ListZonesRequest request)
    {
        var problems = new List<FieldProblem>();
        if (request.HasStatus && !System.Enum.IsDefined(request.Status))
        {
            problems.Add(new("status", $"{(int)request.Status} is not a zone status: give ZONE_STATUS_UNKNOWN to ZONE_STATUS_QUARANTINED"));
        }

        if (request.RegionPrefix.Length > MaxRegionPrefixLength || !IsDigits(request.RegionPrefix))
        {
            problems.Add(new("region_prefix", $"{WireText.Quote(request.RegionPrefix)} must be up to {MaxRegionPrefixLength} digits, e.g. 4501"));
        }

        FieldErrors.ThrowIfAny(problems);
    }

    public static void Validate(GetZoneRequest request) => ZoneIdField("zone_id", request.ZoneId, required: true);

    public static void Validate(GetZoneHistoryRequest request)
    {
        ZoneIdField("zone_id", request.ZoneId, required: true);
        int most = (int)ZoneHistory.Retention.TotalMinutes;
        if (request.Minutes < 0 || request.Minutes > most)
        {
            throw FieldErrors.Invalid("minutes", $"{request.Minutes} is out of range: give 1 to {most} minutes, or 0 for all {most}");
        }
    }

    public static void Validate(ListPlansRequest request)
    {
        if (request.HasState && (!System.Enum.IsDefined(request.State) || request.State == PlanState.Unspecified))
        {
            throw FieldErrors.Invalid("state", $"{(int)request.State} is not a plan state: give PLAN_STATE_PROPOSED to PLAN_STATE_EXPIRED");
        }
    }

    public static void Validate(GetPlanRequest request) => FieldErrors.ThrowIfAny(PlanId(request.PlanId));

    public static void Validate(ApprovePlanRequest request) => Decision(request.PlanId, request.Reason);

    public static void Validate(CancelPlanRequest request) => Decision(request.PlanId, request.Reason);

    /// <summary>The request as the intent to place (every field checked by <see cref="IntentValidator.ValidateSpec"/>).</summary>
    public static WorkloadSpec Validate(PlaceWorkloadRequest request) => request.ToValidatedDomain();

    public static void Validate(GetWorkloadRequest request)
    {
        if (!WireText.IsId(request.WorkloadId))
        {
            throw FieldErrors.Invalid("workload_id", $"{WireText.Quote(request.WorkloadId)} is malformed: give {Grains.Placement.PlacementRequestValidator.IdFormatDescription}");
        }
    }

    public static void Validate(ListWorkloadsRequest request)
    {
        var problems = new List<FieldProblem>();
        OptionalId(problems, "tenant_id", request.TenantId);
        Name(problems, "system", request.System);
        Name(problems, "project", request.Project);
        if (request.ZoneId.Length > 0 && !ZoneId.IsValid(request.ZoneId))
        {
            problems.Add(new("zone_id", $"{WireText.Quote(request.ZoneId)} is malformed: {ZoneId.FormatDescription}"));
        }

        if (request.HasState && (!System.Enum.IsDefined(request.State) || request.State == LedgerState.Unspecified))
        {
            problems.Add(new("state", $"{(int)request.State} is not a ledger state: give LEDGER_STATE_PENDING to LEDGER_STATE_VIOLATING"));
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            problems.Add(new("page_size", $"is {request.PageSize}; give 1-{MaxPageSize} (0 means {DefaultPageSize})"));
        }

        if (request.PageToken.Length > 0 && !WireText.IsId(request.PageToken))
        {
            problems.Add(new("page_token", "is not a token this API gave out; pass next_page_token unchanged"));
        }

        FieldErrors.ThrowIfAny(problems);
    }

    /// <summary>Validates the selector, the patch and the caller's words of a SetWorkloadIntent.</summary>
    public static void Validate(SetWorkloadIntentRequest request, Abstractions.Ledger.WorkloadSelector selector, Abstractions.Ledger.IntentPatch patch)
    {
        var problems = IntentValidator.ValidateSelector(selector);
        problems.AddRange(IntentValidator.ValidatePatch(patch));

        if (!WireText.IsText(request.Reason, WireLimits.MaxIntentReasonLength))
        {
            problems.Add(new("reason", $"must be at most {WireLimits.MaxIntentReasonLength} characters without control characters ({request.Reason.Length} given)"));
        }

        FieldErrors.ThrowIfAny(problems);
    }

    public static void Validate(GetLedgerViewRequest request)
    {
        var problems = new List<FieldProblem>();
        if (!System.Enum.IsDefined(request.GroupBy) || request.GroupBy == LedgerGrouping.Unspecified)
        {
            problems.Add(new("group_by", $"{(int)request.GroupBy} is not a grouping: give LEDGER_GROUPING_TENANT, LEDGER_GROUPING_SYSTEM or LEDGER_GROUPING_PROJECT"));
        }

        OptionalId(problems, "tenant_id", request.TenantId);
        FieldErrors.ThrowIfAny(problems);
    }

    private static void ZoneIdField(string field, string value, bool required)
    {
        if ((required || value.Length > 0) && !ZoneId.IsValid(value))
        {
            throw FieldErrors.Invalid(field, $"{WireText.Quote(value)} is malformed: {ZoneId.FormatDescription}");
        }
    }

    private static List<FieldProblem> PlanId(string planId) =>
        PlanIds.IsValid(planId) ? [] : [new("plan_id", $"{WireText.Quote(planId)} is malformed: give {PlanIds.FormatDescription}")];

    private static void Decision(string planId, string reason)
    {
        var problems = PlanId(planId);

        if (string.IsNullOrWhiteSpace(reason) || !WireText.IsText(reason, WireLimits.MaxDecisionReasonLength))
        {
            problems.Add(new("reason", $"is required: 1-{WireLimits.MaxDecisionReasonLength} characters without control characters ({reason.Length} given)"));
        }

        FieldErrors.ThrowIfAny(problems);
    }

    private static void OptionalId(List<FieldProblem> problems, string field, string value)
    {
        if (value.Length > 0 && !WireText.IsId(value))
        {
            problems.Add(new(field, $"{WireText.Quote(value)} is malformed: give {Grains.Placement.PlacementRequestValidator.IdFormatDescription}"));
        }
    }

    private static void Name(List<FieldProblem> problems, string field, string value)
    {
        if (!WireText.IsName(value))
        {
            problems.Add(new(field, $"must be at most {WireLimits.MaxNameLength} characters without control characters or surrounding whitespace ({value.Length} given)"));
        }
    }

    private static bool IsDigits(string value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
