using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov place</c>: places a new workload where the scheduler puts it (PlaceWorkload).</summary>
internal static class PlaceCommand
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("workload-id") { Description = "The new workload's id (1-128 characters, no whitespace)" };
        var intent = new IntentOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say where it would go; send and reserve nothing" };
        var allow = new Option<string[]>("--allow") { Description = "An inbound access rule its zone must apply (repeatable): tcp/443@10.0.0.0/8, udp/5000-5010@0.0.0.0/0, icmp@10.1.0.0/16" };
        var command = CliApp.Verb("place",
            "Places a new workload: every hard constraint (capacity, MLPS level, residency, plane, anti-affinity, quota), then the scores; the chosen zone's agent is told to start it.",
            "cloudgov place nn-dsj-01 --tenant nn-dsj --system 一网通办 --cpu 4 --memory 8Gi --storage 100Gi --mlps 3 --plane egov-extranet --regions 4501 --dry-run",
            "cloudgov place nn-dsj-02 --tenant nn-dsj --cpu 2 --memory 4Gi --mlps 3 --plane egov-extranet --allow tcp/443@10.0.0.0/8 --allow icmp@10.0.0.0/8");
        command.Arguments.Add(id);
        intent.AddTo(command);
        command.Options.Add(allow);
        command.Options.Add(dryRun);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new PlaceWorkloadRequest
            {
                WorkloadId = context.Get(id),
                TenantId = context.Get(intent.Tenant) ?? "",
                System = context.Get(intent.System) ?? "",
                Project = context.Get(intent.Project) ?? "",
                Requests = intent.Requests(context) ?? new ResourceVector(),
                MlpsLevel = context.Get(intent.Mlps) is { } mlps ? Values.Enum<MlpsLevel>(mlps, "--mlps") : MlpsLevel.Unspecified,
                NetworkPlane = context.Get(intent.Plane) is { } plane ? Values.Enum<NetworkPlane>(plane, "--plane") : NetworkPlane.Unspecified,
                AllowedRegions = { intent.AllowedRegions(context) ?? [] },
                AntiAffinityGroup = context.Get(intent.AntiAffinity) ?? "",
                Pinned = context.Get(intent.Pinned) ?? false,
                Priority = context.Get(intent.Priority) ?? 0,
                MigrationCost = context.Get(intent.MigrationCost) ?? 0,
                DryRun = context.Get(dryRun),
            };
            request.Labels.Add(Values.Labels(context.Get(intent.Labels) ?? [], "--label"));
            request.AccessPolicy = Values.Access(context.Get(allow) ?? [], "--allow");
            var response = await context.Connection.Operations.PlaceWorkloadAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                console.WriteLine(response.DryRun
                    ? $"dry run: {response.WorkloadId} would go to {response.ZoneId} (nothing sent)."
                    : $"{response.WorkloadId} goes to {response.ZoneId}: command {response.CommandId} sent, valid until {Show.Time(response.CommandDeadline, context.Environment.TimeZone)}.");
                var candidates = Show.Table("ZONE", "SCORE", "SCORES (value × weight)");
                foreach (var candidate in response.Candidates)
                {
                    Show.Row(candidates, candidate.ZoneId, Show.Number(candidate.TotalScore),
                        string.Join(", ", candidate.Scores.Select(s => $"{s.Name} {Show.Number(s.Value)}×{Show.Number(s.Weight)}")));
                }

                console.Write(candidates);
                if (response.Rejections.Count > 0)
                {
                    var rejections = Show.Table("REJECTED ZONE", "WHY");
                    foreach (var rejection in response.Rejections)
                    {
                        Show.Row(rejections, rejection.ZoneId, string.Join("\n", rejection.Reasons.Select(r => $"{r.Code}: {r.English}")));
                    }

                    console.Write(rejections);
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
