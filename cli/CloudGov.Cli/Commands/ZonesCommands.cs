using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov zones list|get</c>: the one cloud's zones (OperationsService.ListZones, GetZone).</summary>
internal static class ZonesCommands
{
    public static Command Create(CliApp app)
    {
        var zones = CliApp.Verb("zones", "The one cloud's zones (云区): capacity, utilization, status.", "cloudgov zones list");
        zones.Subcommands.Add(List(app));
        zones.Subcommands.Add(Get(app));
        return zones;
    }

    private static Command List(CliApp app)
    {
        var status = new Option<string?>("--status") { Description = $"Only zones of this status: {Values.Choices<ZoneStatus>()}, unknown" };
        var region = new Option<string?>("--region") { Description = "Only zones whose region code starts with this (e.g. 4501 = 南宁)" };
        var command = CliApp.Verb("list", "Lists every zone (ListZones), ordered by id.",
            "cloudgov zones list --region 4501", "cloudgov zones list --status unreachable -o json");
        command.Options.Add(status);
        command.Options.Add(region);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new ListZonesRequest { RegionPrefix = context.Get(region) ?? "" };
            if (context.Get(status) is { } s)
            {
                request.Status = Values.Enum<ZoneStatus>(s, "--status");
            }

            var response = await context.Connection.Operations.ListZonesAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var table = Show.Table("ZONE", "NAME", "LEVEL", "REGION", "PROVIDER", "MLPS", "PLANE", "STATUS", "CPU", "MEMORY", "STORAGE", "REQUESTED", "WORKLOADS", "LAST REPORT");
                foreach (var zone in response.Zones)
                {
                    Show.Row(table, zone.ZoneId, zone.DisplayName, Show.Name(zone.AdministrativeLevel), zone.RegionCode, Show.Name(zone.Provider),
                        Show.Mlps(zone.MlpsLevel), Show.Name(zone.NetworkPlane), Show.Name(zone.Status) + (zone.AgentConnected ? "" : " (no agent)"),
                        Show.Percent(zone.Utilization?.Cpu ?? 0), Show.Percent(zone.Utilization?.Memory ?? 0), Show.Percent(zone.Utilization?.Storage ?? 0),
                        Show.Percent(Dominant(zone.RequestedRatio)), zone.WorkloadCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Show.Time(zone.LastReportAt, context.Environment.TimeZone));
                }

                console.Write(table);
                console.WriteLine($"{response.Zones.Count} zone(s); CPU/MEMORY/STORAGE = usage over capacity, REQUESTED = the highest requested over allocatable.");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = new Argument<string>("zone-id") { Description = "The zone's id, e.g. gx-nanning-hcs" };
        var command = CliApp.Verb("get", "Shows one zone and the workloads it last reported (GetZone).", "cloudgov zones get gx-nanning-hcs");
        command.Arguments.Add(id);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Operations.GetZoneAsync(new GetZoneRequest { ZoneId = context.Get(id) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var zone = response.Zone;
                var tz = context.Environment.TimeZone;
                console.Write(Show.Fields(
                    ("zone", zone.ZoneId), ("name", zone.DisplayName), ("level", Show.Name(zone.AdministrativeLevel)), ("region", zone.RegionCode),
                    ("vendor", zone.Vendor), ("provider", Show.Name(zone.Provider)), ("mlps level", Show.Mlps(zone.MlpsLevel)),
                    ("network plane", Show.Name(zone.NetworkPlane)), ("status", Show.Name(zone.Status)), ("agent connected", zone.AgentConnected ? "yes" : "no"),
                    ("capacity", Show.Resources(zone.Capacity)), ("allocatable", Show.Resources(zone.Allocatable)), ("requested", Show.Resources(zone.Requested)),
                    ("usage", Show.Resources(zone.Usage)),
                    ("utilization", $"cpu {Show.Percent(zone.Utilization?.Cpu ?? 0)}, memory {Show.Percent(zone.Utilization?.Memory ?? 0)}, storage {Show.Percent(zone.Utilization?.Storage ?? 0)}"),
                    ("target utilization", Show.Percent(zone.TargetUtilization)),
                    ("ledger", string.Join(", ", zone.WorkloadsByLedgerState.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))),
                    ("last report", $"{Show.Time(zone.LastReportAt, tz)} (sequence {zone.LastSequence})")));
                var table = Show.Table("WORKLOAD", "TENANT", "SYSTEM", "CPU", "MEMORY", "STORAGE", "MLPS", "STATE");
                foreach (var workload in response.Workloads)
                {
                    Show.Row(table, workload.WorkloadId, workload.TenantId, workload.System, Show.Cpu(workload.Requests?.CpuMillicores ?? 0),
                        Show.Memory(workload.Requests?.MemoryMib ?? 0), Show.Storage(workload.Requests?.StorageGib ?? 0), Show.Mlps(workload.MlpsLevel), workload.State);
                }

                console.Write(table);
                console.WriteLine($"{response.Workloads.Count} workload(s) as last reported (requests).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Dominant(Utilization? u) => u is null ? 0 : Math.Max(Math.Max(u.Cpu, u.Memory), Math.Max(u.Storage, u.Gpu));
}
