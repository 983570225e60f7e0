using System.Text.RegularExpressions;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.Proto.Tenant.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The quota API's one validator: a check per request, each throwing InvalidArgument with a google.rpc.BadRequest naming
/// every bad field; a bad value is quoted by a short escaped prefix only. Runs before any grain is called.
/// </summary>
internal static partial class QuotaRequestValidator
{
    /// <summary>The longest justification or decision reason.</summary>
    public const int MaxReasonLength = WireLimits.MaxDecisionReasonLength;

    /// <summary>The most requests one ListQuotaRequests returns.</summary>
    public const int MaxListLimit = 500;

    /// <summary>The list size when a request gives 0.</summary>
    public const int DefaultListLimit = 100;

    public static void Validate(RequestQuotaRequest r)
    {
        var p = new List<FieldProblem>();
        TenantId(p, "tenant_id", r.TenantId, required: true);
        if (r.Direction is not (QuotaDirection.Increase or QuotaDirection.Decrease))
        {
            p.Add(new("direction", "must be QUOTA_DIRECTION_INCREASE or QUOTA_DIRECTION_DECREASE"));
        }

        Amount(p, "amount", r.Amount, required: true);
        Reason(p, "justification", r.Justification, required: true);
        if (!WireText.IsId(r.IdempotencyKey))
        {
            p.Add(new("idempotency_key", $"{WireText.Quote(r.IdempotencyKey)} is not a valid key: 1-{WireLimits.MaxIdLength} characters, no whitespace or control characters; send a fresh one per new request and the same one on a retry"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(GetQuotaRequestRequest r) => FieldErrors.ThrowIfAny(RequestId(r.RequestId));

    public static void Validate(CancelQuotaRequestRequest r) => FieldErrors.ThrowIfAny(RequestId(r.RequestId));

    public static void Validate(ApproveQuotaRequestRequest r)
    {
        var p = RequestId(r.RequestId);
        if (r.Granted is not null)
        {
            Amount(p, "granted", r.Granted, required: true);
        }

        Reason(p, "reason", r.Reason, required: false);
        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(RejectQuotaRequestRequest r)
    {
        var p = RequestId(r.RequestId);
        Reason(p, "reason", r.Reason, required: true);
        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(ListQuotaRequestsRequest r)
    {
        var p = new List<FieldProblem>();
        TenantId(p, "tenant_id", r.TenantId, required: false);
        if (r.Limit < 0 || r.Limit > MaxListLimit)
        {
            p.Add(new("limit", $"is {r.Limit}; it must be from 0 (= {DefaultListLimit}) to {MaxListLimit}"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(GetTenantQuotaRequest r) => One("tenant_id", r.TenantId, required: false);

    public static void Validate(ListTenantsRequest r) => One("tenant_id", r.TenantId, required: false);

    public static void Validate(DeleteTenantRequest r) => One("tenant_id", r.TenantId, required: true);

    public static void Validate(CreateTenantRequest r)
    {
        var p = new List<FieldProblem>();
        TenantId(p, "tenant_id", r.TenantId, required: true);
        DisplayName(p, r.DisplayName, required: true);
        TenantId(p, "parent_id", r.ParentId, required: false);
        Amount(p, "allocated", r.Allocated, required: false, allowZero: true);
        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(UpdateTenantRequest r)
    {
        var p = new List<FieldProblem>();
        TenantId(p, "tenant_id", r.TenantId, required: true);
        DisplayName(p, r.DisplayName, required: false);
        if (r.Allocated is not null)
        {
            Amount(p, "allocated", r.Allocated, required: true, allowZero: true);
        }

        Reason(p, "reason", r.Reason, required: false);
        if (r.DisplayName.Length == 0 && r.Allocated is null)
        {
            p.Add(new("allocated", "nothing to change: set display_name, allocated or both"));
        }

        FieldErrors.ThrowIfAny(p);
    }

    public static void Validate(MoveTenantRequest r)
    {
        var p = new List<FieldProblem>();
        TenantId(p, "tenant_id", r.TenantId, required: true);
        TenantId(p, "new_parent_id", r.NewParentId, required: false);
        FieldErrors.ThrowIfAny(p);
    }

    private static void One(string field, string value, bool required)
    {
        var p = new List<FieldProblem>();
        TenantId(p, field, value, required);
        FieldErrors.ThrowIfAny(p);
    }

    private static void TenantId(List<FieldProblem> p, string field, string value, bool required)
    {
        if (value.Length == 0 && !required)
        {
            return;
        }

        if (!WireText.IsId(value))
        {
            p.Add(new(field, $"{WireText.Quote(value)} is not a tenant id: 1-{WireLimits.MaxIdLength} characters, no whitespace or control characters"));
        }
    }

    private static void DisplayName(List<FieldProblem> p, string value, bool required)
    {
        if (value.Length == 0 && !required)
        {
            return;
        }

        if (!WireText.IsName(value, WireLimits.MaxDisplayNameLength))
        {
            p.Add(new("display_name", $"must be 1-{WireLimits.MaxDisplayNameLength} characters without control characters or surrounding whitespace"));
        }
    }

    private static void Reason(List<FieldProblem> p, string field, string value, bool required)
    {
        if ((required && string.IsNullOrWhiteSpace(value)) || !WireText.IsText(value, MaxReasonLength))
        {
            p.Add(new(field, $"must be {(required ? 1 : 0)}-{MaxReasonLength} characters without control characters{(required ? "; say why" : string.Empty)}"));
        }
    }

    private static void Amount(List<FieldProblem> p, string field, Common.ResourceVector? v, bool required, bool allowZero = false)
    {
        if (v is null)
        {
            if (required)
            {
                p.Add(new(field, "is required"));
            }

            return;
        }

        (string Name, long Value)[] parts = [("cpu_millicores", v.CpuMillicores), ("memory_mib", v.MemoryMib), ("storage_gib", v.StorageGib), ("gpu", v.Gpu)];
        foreach (var (name, value) in parts)
        {
            if (value < 0 || value > QuotaOptions.MaxAmount)
            {
                p.Add(new($"{field}.{name}", $"is {value}; it must be from 0 to {QuotaOptions.MaxAmount} (2^40)"));
            }
        }

        if (!allowZero && parts.All(x => x.Value == 0))
        {
            p.Add(new(field, "is zero in every dimension; ask for at least one unit of something"));
        }
    }

    private static List<FieldProblem> RequestId(string value) =>
        RequestIdFormat().IsMatch(value) ? [] : [new("request_id", $"{WireText.Quote(value)} is not a quota request id (qr- and 12 digits)")];

    [GeneratedRegex("^qr-[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdFormat();
}
