using System.Globalization;
using CloudGov.Moves.Benchmarks;

// dotnet run -c Release --project tests/CloudGov.Moves.Benchmarks [-- --rounds R]
// Each round runs three configurations on a fresh demo cloud: today's settings (the demo's: pushes on, 5 s safety polls),
// the same with a slow provider (a hard case: 300 ms + up to 300 ms per command, subtracted as measured), and the old
// polling-only settings (pushes off, the 500 ms polls and the agent's 5 s reports) as the reference.
int rounds = 1;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --rounds R"); return 2;
    }
}

var push = new Dictionary<string, string?>();
var polling = new Dictionary<string, string?>
{
    ["Zones:CommandPush"] = "false",
    ["Zones:CommandPollInterval"] = "00:00:00.500",
    ["Plans:Execution:PollInterval"] = "00:00:00.500",
};
var pollingAgents = new Dictionary<string, string?> { ["Agent:ReportAfterCommand"] = "false" };
var slowProvider = new Dictionary<string, string?>
{
    ["Agent:Simulation:CommandDelay"] = "00:00:00.300",
    ["Agent:Simulation:CommandJitter"] = "00:00:00.300",
};

var results = new List<(MoveFigures Push, MoveFigures Slow, MoveFigures Polling)>();
for (int round = 1; round <= rounds; round++)
{
    Console.WriteLine($"round {round} of {rounds}");
    var pushed = await MovesBenchmark.RunAsync("push (demo settings)", push, new Dictionary<string, string?>(), Console.Out);
    var slow = await MovesBenchmark.RunAsync("push, slow provider (hard case)", push, slowProvider, Console.Out);
    var polled = await MovesBenchmark.RunAsync("polling only (old settings)", polling, pollingAgents, Console.Out);
    results.Add((pushed, slow, polled));
    foreach (var figures in new[] { pushed, slow, polled })
    {
        Console.WriteLine(figures.Format());
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio polling-only / push: median {polled.Median / pushed.Median:F1}x  p99 {polled.P99 / pushed.P99:F1}x  plan {polled.PlanSeconds / pushed.PlanSeconds:F1}x"));
}

// The targets are for the demo's settings (issue 12). The slow-provider case is reported beside them: there a move's
// command may also wait behind another move's command in the same zone's agent (one at a time, in queue order), which
// the subtraction of the move's own provider time leaves in its overhead.
bool met = results.All(r => r.Push.Median <= 0.5 && r.Push.P99 <= 2 && r.Push.Completed == r.Push.Moves);
Console.WriteLine(met ? "target met (demo settings): overhead per move median <= 0.5 s, p99 <= 2 s, every move completed" : "target missed");
return met ? 0 : 1;
