using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Grains.Ledger;
using Google.Protobuf.WellKnownTypes;
using Ops = CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Maps PlaceWorkload between the wire and the placement grain: the request to a <see cref="WorkloadSpec"/>
/// (InvalidArgument naming each bad field), a decision to the response or to the status that says why not.
/// </summary>
internal static class PlacementProtoMapping
{
    /// <summary>The request as the intent the placement grain takes; throws InvalidArgument (with field violations) naming every bad field.</summary>
    public static WorkloadSpec ToValidatedDomain(this Ops.PlaceWorkloadRequest r)
    {
        var spec = new WorkloadSpec(
            r.WorkloadId,
            r.TenantId,
            r.System,
            r.Project,
            r.Requests.ToDomain(),
            r.MlpsLevel.ToDomain(),
            [.. r.AllowedRegions],
            r.NetworkPlane.ToDomain(),
            r.AntiAffinityGroup,
            r.Pinned,
            r.Priority,
            r.MigrationCost == 0 ? 1.0 : r.MigrationCost,
            r.Labels.ToLabels(),
            r.AccessPolicy.ToDomain());
        FieldErrors.ThrowIfAny(IntentValidator.ValidateSpec(spec));
        return spec;
    }

    /// <summary>The response for a chosen zone; any other outcome becomes the RpcException that says why.</summary>
    public static Ops.PlaceWorkloadResponse ToResponse(this PlacementDecision d)
    {
        if (d.Outcome is not (PlacementOutcome.Placed or PlacementOutcome.WouldPlace) || d.ZoneId is null)
        {
            if (d.Outcome == PlacementOutcome.TenantQuotaExceeded)
            {
                throw QuotaErrors.QuotaExceeded(d.Message, QuotaErrors.LevelOf(d.Message));
            }

            var code = d.Outcome switch
            {
                PlacementOutcome.Invalid => StatusCode.InvalidArgument,
                PlacementOutcome.AlreadyExists => StatusCode.AlreadyExists,
                PlacementOutcome.NoZoneFits => StatusCode.FailedPrecondition,
                _ => StatusCode.Unavailable,
            };
            throw new RpcException(new Status(code, d.Message));
        }

        var response = new Ops.PlaceWorkloadResponse
        {
            WorkloadId = d.WorkloadId,
            ZoneId = d.ZoneId,
            DryRun = d.Outcome == PlacementOutcome.WouldPlace,
            CommandId = d.CommandId,
        };
        if (d.CommandDeadline is { } deadline)
        {
            response.CommandDeadline = Timestamp.FromDateTimeOffset(deadline);
        }

        response.Candidates.AddRange(d.Candidates.Select(c =>
        {
            var candidate = new Ops.PlacementCandidate { ZoneId = c.ZoneId, TotalScore = c.TotalScore };
            candidate.Scores.AddRange(c.Scores.Select(s => new Ops.PlacementScore { Name = s.Name, Value = s.Value, Weight = s.Weight }));
            return candidate;
        }));
        response.Rejections.AddRange(d.Rejections.Select(z =>
        {
            var rejection = new Ops.PlacementRejection { ZoneId = z.ZoneId };
            rejection.Reasons.AddRange(z.Reasons.Select(x => new Ops.PlacementRejectionReason { Filter = x.Filter, Code = x.Code, English = x.English, Chinese = x.Chinese }));
            return rejection;
        }));
        return response;
    }
}
