using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grpc;
using CloudGov.Proto.Audit.V1;
using Google.Protobuf.WellKnownTypes;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// Checks every field of the AuditService requests before the trail is read; bad input is InvalidArgument with a
/// google.rpc.BadRequest naming each field (<see cref="FieldErrors"/>), bad values quoted by a short escaped prefix only.
/// </summary>
internal static class AuditRequestValidator
{
    /// <summary>The page size used when a request gives 0.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 500;

    private const long MaxTimestampSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    /// <summary>The query a valid request asks for; throws InvalidArgument naming every bad field otherwise.</summary>
    public static AuditQuery Validate(ListAuditEntriesRequest request)
    {
        var problems = new List<FieldProblem>();
        var from = Instant(problems, "start_time", request.StartTime);
        var to = Instant(problems, "end_time", request.EndTime);
        if (from is { } f && to is { } t && t <= f)
        {
            problems.Add(new("end_time", "must be after start_time"));
        }

        if (request.Actor.Length > AuditLimits.MaxSubjectLength || WireText.HasControl(request.Actor))
        {
            problems.Add(new("actor", $"must be at most {AuditLimits.MaxSubjectLength} characters without control characters ({request.Actor.Length} given)"));
        }

        if (request.Action.Length > 0 && !AuditActionNames.IsKnown(request.Action))
        {
            problems.Add(new("action", $"{WireText.Quote(request.Action)} is not an audit action: give one of {string.Join(", ", AuditActionNames.All)}"));
        }

        if (request.TargetId.Length > 0 && !WireText.IsId(request.TargetId, AuditLimits.MaxTargetLength))
        {
            problems.Add(new("target_id", $"{WireText.Quote(request.TargetId)} is malformed: give 1-{AuditLimits.MaxTargetLength} characters without whitespace or control characters"));
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            problems.Add(new("page_size", $"is {request.PageSize}; give 1-{MaxPageSize} (0 means {DefaultPageSize})"));
        }

        var query = new AuditQuery(
            from,
            to,
            request.Actor.Length > 0 ? request.Actor : null,
            request.Action.Length > 0 ? request.Action : null,
            request.TargetId.Length > 0 ? request.TargetId : null,
            0,
            request.PageSize == 0 ? DefaultPageSize : request.PageSize);
        if (request.PageToken.Length > 0 && problems.Count == 0)
        {
            if (AuditPageToken.Decode(request.PageToken, query) is { } after)
            {
                query = query with { AfterSequence = after };
            }
            else
            {
                problems.Add(new("page_token", "is not a token this API gave out for these filters; pass next_page_token unchanged, with the same filters"));
            }
        }
        else if (request.PageToken.Length > AuditPageToken.MaxLength)
        {
            problems.Add(new("page_token", "is not a token this API gave out; pass next_page_token unchanged"));
        }

        FieldErrors.ThrowIfAny(problems);
        return query;
    }

    private static DateTimeOffset? Instant(List<FieldProblem> problems, string field, Timestamp? timestamp)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (timestamp.Seconds is < 0 or > MaxTimestampSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            problems.Add(new(field, "must be a valid timestamp between 1970-01-01 and 9999-12-31 (nanos 0-999999999)"));
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }
}
