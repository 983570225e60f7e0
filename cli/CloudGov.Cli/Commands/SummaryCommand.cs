using System.CommandLine;
using System.Globalization;
using CloudGov.Cli.Output;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov summary</c>: the one cloud's totals by administrative level and by region (GetOneCloudSummary).</summary>
internal static class SummaryCommand
{
    public static Command Create(CliApp app)
    {
        var command = CliApp.Verb("summary", "The one cloud (一朵云) in totals: every zone, then by administrative level and by region, and zones per status.",
            "cloudgov summary", "cloudgov summary -o yaml");
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Operations.GetOneCloudSummaryAsync(new GetOneCloudSummaryRequest(), context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var table = Show.Table("GROUP", "ZONES", "WORKLOADS", "CAPACITY", "REQUESTED", "CPU", "MEMORY", "STORAGE");
                AddRow(table, "one cloud", response.Total);
                foreach (var level in response.ByAdministrativeLevel)
                {
                    AddRow(table, $"level {level.Key}", level.Totals);
                }

                foreach (var region in response.ByRegion)
                {
                    AddRow(table, $"region {region.Key}", region.Totals);
                }

                console.Write(table);
                console.WriteLine("zones by status: " + string.Join(", ", response.ZonesByStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void AddRow(Table table, string group, Totals? totals)
    {
        totals ??= new Totals();
        Show.Row(table, group, totals.ZoneCount.ToString(CultureInfo.InvariantCulture), totals.WorkloadCount.ToString(CultureInfo.InvariantCulture),
            Show.Resources(totals.Capacity), Show.Resources(totals.Requested), Show.Percent(totals.Utilization?.Cpu ?? 0),
            Show.Percent(totals.Utilization?.Memory ?? 0), Show.Percent(totals.Utilization?.Storage ?? 0));
    }
}
