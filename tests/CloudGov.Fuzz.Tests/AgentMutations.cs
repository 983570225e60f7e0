using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Fuzz.Tests;

/// <summary>
/// Mutations of agent messages. <see cref="BreakReport"/> applies one that no valid report survives (the oracle: the
/// control plane must answer InvalidArgument and change nothing); <see cref="Mutate(Hello)"/> and
/// <see cref="Mutate(ZoneReport)"/> apply random ones that may or may not leave the message valid.
/// </summary>
internal static class AgentMutations
{
    /// <summary>Applies one mutation every valid report fails, and returns its name (for a failure message).</summary>
    public static string BreakReport(FuzzValues v, ZoneReport report)
    {
        var r = v.Random;
        var w = report.Workloads[r.Next(report.Workloads.Count)];
        switch (r.Next(22))
        {
            case 0: w.WorkloadId = v.Pick(new[] { "", " ", "   ", "w 1", "w-1\n", "\tw", new string('w', 129), "w\0" }); return "workload_id";
            case 1: w.TenantId = v.Pick(new[] { "", "   ", "t t", "t\n", new string('t', 129 + r.Next(100_000)) }); return "tenant_id";
            case 2: w.System = v.Pick(new[] { new string('s', 129 + r.Next(1 << 20)), "s\n", " s", "s\u001b" }); return "system";
            case 3: Dimension(w.Requests ??= new(), r.Next(4), r.Next(2) == 0 ? -1 - r.NextInt64(long.MaxValue) : Above(v, r)); return "requests";
            case 4: Dimension(w.Usage ??= new(), r.Next(4), r.Next(2) == 0 ? -1 - r.NextInt64(long.MaxValue) : Above(v, r)); return "usage";
            case 5: w.MlpsLevel = (Common.MlpsLevel)v.Pick(new[] { 0, 5, 77, -1, int.MaxValue, int.MinValue }); return "mlps_level";
            case 6: w.State = (CloudGov.Proto.Agent.V1.WorkloadState)v.Pick(new[] { 5, 99, -1, int.MaxValue, int.MinValue }); return "state";
            case 7: report.Sequence = v.Pick(new[] { 0UL, ulong.MaxValue, (1UL << 53) + 1, (1UL << 53) + (ulong)r.NextInt64(1, long.MaxValue) }); return "sequence";
            case 8: report.ObservedAt = new Timestamp { Seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Nanos = r.Next(2) == 0 ? -1 - r.Next(int.MaxValue) : 1_000_000_000 + r.Next(1_000_000_000) }; return "observed_at.nanos";
            case 9: report.ObservedAt = new Timestamp { Seconds = r.Next(2) == 0 ? 253_402_300_800 + r.NextInt64(1, long.MaxValue / 2) : -62_135_596_801 - r.NextInt64(long.MaxValue / 2) }; return "observed_at.seconds";
            case 10: report.ObservedAt = Timestamp.FromDateTimeOffset(r.Next(2) == 0 ? DateTimeOffset.UtcNow.AddHours(1 + r.Next(10_000)) : new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero)); return "observed_at";
            case 11: report.ObservedAt = null; return "observed_at missing";
            case 12: Dimension(report.Capacity, r.Next(4), r.Next(2) == 0 ? -1 - r.NextInt64(long.MaxValue) : Above(v, r)); return "capacity";
            case 13:
                for (int i = 0; i < 33; i++)
                {
                    w.Labels[$"k{i}"] = "v";
                }

                return "labels count";
            case 14: w.Labels[v.Pick(new[] { "", " k", "k ", "k\n", new string('k', 129) })] = "v"; return "label key";
            case 15: w.Labels["k"] = v.Pick(new[] { new string('v', 257 + r.Next(100_000)), "v\n", "\0" }); return "label value";
            case 16:
                for (int i = 0; i < 257; i++)
                {
                    report.Posture.Add(new PostureFact { Key = $"f{i}", Value = "x" });
                }

                return "posture count";
            case 17: report.Posture.Add(new PostureFact { Key = v.Pick(new[] { "", " f", "f\n", new string('f', 129) }), Value = "x" }); return "posture key";
            case 18: report.Posture.Add(new PostureFact { Key = "f", Value = v.Pick(new[] { new string('x', 1025 + r.Next(100_000)), "x\ny" }) }); return "posture value";
            case 19: report.Workloads.Add(w.Clone()); return "duplicate workload";
            case 20: report.Capacity = null; return "capacity missing";
            default: report.Usage.CpuMillicores = report.Capacity.CpuMillicores * 3 + 1; return "usage over capacity";
        }
    }

    /// <summary>Random changes to a Hello (it may stay valid).</summary>
    public static void Mutate(FuzzValues v, Hello hello)
    {
        var r = v.Random;
        int n = r.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            switch (r.Next(14))
            {
                case 0: hello.ZoneId = v.String(); break;
                case 1: hello.AgentVersion = v.String(); break;
                case 2: hello.Provider = (Common.ProviderKind)v.Int(); break;
                case 3: hello.Capabilities.Add(v.String()); break;
                case 4: hello.Zone = null; return;
                case 5: hello.Zone.DisplayName = v.String(); break;
                case 6: hello.Zone.AdministrativeLevel = (Common.AdministrativeLevel)v.Int(); break;
                case 7: hello.Zone.RegionCode = v.String(); break;
                case 8: hello.Zone.Vendor = v.String(); break;
                case 9: hello.Zone.MlpsLevel = (Common.MlpsLevel)v.Int(); break;
                case 10: hello.Zone.NetworkPlane = (Common.NetworkPlane)v.Int(); break;
                case 11: hello.Zone.CpuOvercommit = v.Double(); break;
                case 12: hello.Zone.MemoryOvercommit = v.Double(); break;
                default: hello.Zone.Labels[v.String()] = v.String(); break;
            }
        }
    }

    /// <summary>Random changes to a report (it may stay valid).</summary>
    public static void Mutate(FuzzValues v, ZoneReport report)
    {
        var r = v.Random;
        int n = r.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            var w = report.Workloads[r.Next(report.Workloads.Count)];
            switch (r.Next(12))
            {
                case 0: report.Sequence = v.Sequence(); break;
                case 1: report.ObservedAt = new Timestamp { Seconds = v.Long(), Nanos = v.Int() }; break;
                case 2: Dimension(report.Capacity ??= new(), r.Next(4), v.Long()); break;
                case 3: Dimension(report.Usage ??= new(), r.Next(4), v.Long()); break;
                case 4: w.WorkloadId = v.String(); break;
                case 5: w.TenantId = v.String(); break;
                case 6: w.System = v.String(); break;
                case 7: Dimension(w.Requests ??= new(), r.Next(4), v.Long()); break;
                case 8: w.MlpsLevel = (Common.MlpsLevel)v.Int(); break;
                case 9: w.State = (CloudGov.Proto.Agent.V1.WorkloadState)v.Int(); break;
                case 10: w.Labels[v.String()] = v.String(); break;
                default: report.Posture.Add(new PostureFact { Key = v.String(), Value = v.String() }); break;
            }
        }
    }

    private static long Above(FuzzValues v, Random r) => v.Chance(0.3) ? long.MaxValue : 100_000_001 + r.NextInt64(long.MaxValue - 100_000_001) | (1L << 31);

    private static void Dimension(Common.ResourceVector vector, int d, long value)
    {
        switch (d)
        {
            case 0: vector.CpuMillicores = value; break;
            case 1: vector.MemoryMib = value; break;
            case 2: vector.StorageGib = value; break;
            default: vector.Gpu = value; break;
        }
    }
}
