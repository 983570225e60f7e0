using CloudGov.Proto.Operations.V1;
using Google.Protobuf;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Fuzz.Tests;

/// <summary>
/// Random operations requests with extreme values. Every request that could change the cloud is a dry run (or names a
/// plan that does not exist), so whatever the host answers, the one cloud must stay as it was.
/// </summary>
internal static class OperationsRequests
{
    /// <summary>Methods whose raw bytes may be mangled freely: none of them can change anything.</summary>
    public static readonly string[] ReadOnly = ["ListZones", "GetZone", "GetOneCloudSummary", "ListPlans", "GetPlan", "GetWorkload", "ListWorkloads", "GetLedgerView"];

    /// <summary>A random request for a random method: (method, message).</summary>
    public static (string Method, IMessage Request) Next(FuzzValues v)
    {
        var r = v.Random;
        switch (r.Next(13))
        {
            case 0:
                {
                    var m = new ListZonesRequest { RegionPrefix = v.Chance(0.5) ? v.String() : "45" };
                    if (v.Chance(0.5))
                    {
                        m.Status = (Common.ZoneStatus)v.Int();
                    }

                    return ("ListZones", m);
                }

            case 1: return ("GetZone", new GetZoneRequest { ZoneId = v.String() });
            case 2: return ("GetOneCloudSummary", new GetOneCloudSummaryRequest());
            case 3:
                {
                    var m = new ListPlansRequest();
                    if (v.Chance(0.7))
                    {
                        m.State = (PlanState)v.Int();
                    }

                    return ("ListPlans", m);
                }

            case 4: return ("GetPlan", new GetPlanRequest { PlanId = v.Chance(0.3) ? $"plan-{r.NextInt64():x16}"[..21] : v.String() });
            case 5: return ("ApprovePlan", new ApprovePlanRequest { PlanId = UnknownPlanId(v), Reason = v.String() });
            case 6: return ("CancelPlan", new CancelPlanRequest { PlanId = UnknownPlanId(v), Reason = v.String() });
            case 7: return ("PlaceWorkload", Place(v));
            case 8: return ("GetWorkload", new GetWorkloadRequest { WorkloadId = v.String() });
            case 9:
                {
                    var m = new ListWorkloadsRequest { TenantId = Maybe(v), System = Maybe(v), Project = Maybe(v), ZoneId = Maybe(v), PageSize = v.Int(), PageToken = Maybe(v) };
                    if (v.Chance(0.5))
                    {
                        m.State = (LedgerState)v.Int();
                    }

                    return ("ListWorkloads", m);
                }

            case 10: return ("SetWorkloadIntent", Intent(v));
            case 11: return ("GetLedgerView", new GetLedgerViewRequest { GroupBy = (LedgerGrouping)v.Int(), TenantId = Maybe(v) });
            default: return ("ProposeRebalance", new ProposeRebalanceRequest { DryRun = true });
        }
    }

    private static string Maybe(FuzzValues v) => v.Chance(0.5) ? string.Empty : v.String();

    /// <summary>A plan id no plan has: the fuzzer's host never stores a plan (rebalance rounds are dry runs).</summary>
    private static string UnknownPlanId(FuzzValues v) => v.Chance(0.5) ? "plan-ffffffffffffffff" : v.String();

    private static PlaceWorkloadRequest Place(FuzzValues v)
    {
        var m = new PlaceWorkloadRequest
        {
            WorkloadId = v.Chance(0.5) ? $"fz-place-{v.Random.Next(1000)}" : v.String(),
            TenantId = v.Chance(0.5) ? "fz-tenant" : v.String(),
            System = Maybe(v),
            Requests = new Common.ResourceVector { CpuMillicores = v.Long(), MemoryMib = v.Long(), StorageGib = v.Long(), Gpu = v.Long() },
            MlpsLevel = (Common.MlpsLevel)v.Int(),
            NetworkPlane = (Common.NetworkPlane)v.Int(),
            DryRun = true,
            Project = Maybe(v),
            AntiAffinityGroup = Maybe(v),
            Pinned = v.Chance(0.5),
            Priority = v.Int(),
            MigrationCost = v.Double(),
        };
        int regions = v.Random.Next(0, v.Chance(0.1) ? 100 : 3);
        for (int i = 0; i < regions; i++)
        {
            m.AllowedRegions.Add(v.String());
        }

        if (v.Chance(0.3))
        {
            m.Labels[v.String()] = v.String();
        }

        return m;
    }

    private static SetWorkloadIntentRequest Intent(FuzzValues v)
    {
        var selector = new WorkloadSelector { TenantId = Maybe(v), System = Maybe(v), Project = Maybe(v), ZoneId = Maybe(v) };
        if (v.Chance(0.5))
        {
            selector.WorkloadIds.Add(v.String());
        }

        var patch = new IntentPatch();
        switch (v.Random.Next(6))
        {
            case 0: patch.TenantId = v.String(); break;
            case 1: patch.MlpsLevel = (Common.MlpsLevel)v.Int(); break;
            case 2: patch.Requests = new Common.ResourceVector { CpuMillicores = v.Long(), MemoryMib = v.Long() }; break;
            case 3: patch.MigrationCost = v.Double(); break;
            case 4: patch.SetLabels[v.String()] = v.String(); break;
            default: patch.RemoveLabels.Add(v.String()); break;
        }

        return new SetWorkloadIntentRequest { Selector = selector, Patch = patch, DryRun = true, Reason = Maybe(v) };
    }
}
