using System.Text.Json.Nodes;
using CloudGov.Agent.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static CloudGov.Agent.Tests.SimulatedZoneLabelTests;

namespace CloudGov.Agent.Tests;

/// <summary>With Agent:Simulation:StatePath the simulated zone outlives its agent, and never silently re-seeds.</summary>
public sealed class SimulatedZoneStateTests
{
    private static readonly DateTimeOffset Monday10Beijing = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private string _directory = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "cloudgov-agent-tests", Guid.NewGuid().ToString("N"));
        _path = Path.Combine(_directory, "zones", "gx-sim.json");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private AgentOptions Stateful(int seed = 7, int workloads = 30)
    {
        var options = Options(seed, workloads);
        options.Simulation.StatePath = _path;
        options.ControlPlaneAddress = new Uri("http://127.0.0.1:5100"); // these tests check the simulation's settings only, not the TLS identity
        return options;
    }

    private static SimulatedZoneProvider Start(AgentOptions options) => new(options, new FakeTimeProvider(Monday10Beijing));

    private static async Task<IReadOnlyList<WorkloadReport>> ObserveAsync(SimulatedZoneProvider provider) =>
        (await provider.ObserveAsync(Monday10Beijing.AddHours(3), CancellationToken.None)).Workloads;

    private static Task<CommandResult> PlaceAsync(SimulatedZoneProvider provider, WorkloadSpec spec) =>
        provider.ExecuteAsync(new Command { CommandId = $"p-{spec.WorkloadId}", Kind = CommandKind.Place, Workload = spec }, CancellationToken.None).AsTask();

    private static Task<CommandResult> RemoveAsync(SimulatedZoneProvider provider, string id) =>
        provider.ExecuteAsync(new Command { CommandId = $"r-{id}", Kind = CommandKind.Remove, Workload = new WorkloadSpec { WorkloadId = id } }, CancellationToken.None).AsTask();

    [Test]
    public async Task Restart_AfterPlaceAndRemove_NewProviderSeesExactlyTheSameWorkloadsAndLabels()
    {
        var a = Start(Stateful());
        string movedOut = a.WorkloadIds()[3];
        var movedIn = Spec("moved-in");
        movedIn.Labels.Add("cloudgov.io/tenant", "nn-dsj");
        movedIn.Labels.Add("cloudgov.io/allowed-regions", "4501,4502");
        movedIn.Labels.Add("owner", "数据局");
        Assert.That((await PlaceAsync(a, movedIn)).Succeeded, Is.True);
        Assert.That((await RemoveAsync(a, movedOut)).Succeeded, Is.True);
        var before = await ObserveAsync(a);

        var b = Start(Stateful());
        var after = await ObserveAsync(b);

        Assert.That(after, Is.EqualTo(before), "ids, tenants, systems, requests, levels, labels and usage all survive the restart");
        Assert.That(after.Select(w => w.WorkloadId), Does.Contain("moved-in").And.No.Contain(movedOut));
        Assert.That(after.Single(w => w.WorkloadId == "moved-in").Labels, Is.EquivalentTo(movedIn.Labels));
        Assert.That(after.Count(w => w.Labels.ContainsKey("cloudgov.io/network-plane")), Is.EqualTo(before.Count(w => w.Labels.ContainsKey("cloudgov.io/network-plane"))));
    }

    [Test]
    public async Task Restart_WithOtherSeedAndSize_LoadsTheSavedZoneInsteadOfSeeding()
    {
        var a = Start(Stateful(seed: 7, workloads: 30));
        await PlaceAsync(a, Spec("placed-before-restart"));
        var before = await ObserveAsync(a);

        var b = Start(Stateful(seed: 99, workloads: 5));
        var after = await ObserveAsync(b);

        Assert.That(after.Select(w => (w.WorkloadId, w.TenantId, w.System, w.Requests, w.MlpsLevel)), Is.EqualTo(before.Select(w => (w.WorkloadId, w.TenantId, w.System, w.Requests, w.MlpsLevel))));
        Assert.That(after.Select(w => w.Labels), Is.EqualTo(before.Select(w => w.Labels)));
        Assert.That(after.Sum(w => w.Usage.CpuMillicores), Is.GreaterThan(0));
    }

    [Test]
    public void FirstStart_SeedsAndWritesTheFileWithItsFormatVersion()
    {
        var provider = Start(Stateful(workloads: 12));

        var file = JsonNode.Parse(File.ReadAllText(_path))!;
        Assert.That(file["formatVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(file["zoneId"]!.GetValue<string>(), Is.EqualTo("gx-sim"));
        Assert.That(file["workloads"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()), Is.EqualTo(provider.WorkloadIds()));
        Assert.That(file["workloads"]![0]!["labels"]!["owner-dept"], Is.Not.Null);
    }

    [Test]
    public async Task Save_AfterEveryChange_FileHoldsTheChangeAndNoTemporaryFileIsLeft()
    {
        var provider = Start(Stateful());
        for (int i = 0; i < 5; i++)
        {
            await PlaceAsync(provider, Spec($"w-{i}"));
        }

        await RemoveAsync(provider, "w-2");

        var ids = JsonNode.Parse(File.ReadAllText(_path))!["workloads"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()).ToList();
        Assert.That(ids, Does.Contain("w-4").And.No.Contain("w-2"));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_path)!), Is.EqualTo(new[] { _path }), "only the state file: the temporary file was moved over it");
    }

    [Test]
    public async Task Start_TemporaryFileLeftByACrash_LoadsTheLastCompleteStateAndRemovesIt()
    {
        var a = Start(Stateful());
        await PlaceAsync(a, Spec("kept"));
        File.WriteAllText(_path + ".tmp", "{\"formatVersion\": 1, \"zoneId\": \"gx-sim\", \"work");

        var b = Start(Stateful());

        Assert.That(b.Holds("kept"), Is.True);
        Assert.That(File.Exists(_path + ".tmp"), Is.False);
    }

    [TestCase("{ \"formatVersion\": 1, \"zoneId\": \"gx-sim\", \"workloads\": [", "not valid JSON", TestName = "Start_TruncatedFile_FailsNamingTheFile")]
    [TestCase("", "not valid JSON", TestName = "Start_EmptyFile_FailsNamingTheFile")]
    [TestCase("[]", "no integer formatVersion", TestName = "Start_FileNotAnObject_FailsNamingTheFile")]
    [TestCase("{ \"zoneId\": \"gx-sim\", \"workloads\": [] }", "no integer formatVersion", TestName = "Start_FileWithoutVersion_FailsNamingTheFile")]
    [TestCase("{ \"formatVersion\": 1, \"zoneId\": \"gx-sim\", \"workloads\": [ { \"id\": \"w\", \"system\": \"\", \"requests\": { \"cpuMillicores\": 1 }, \"mlpsLevel\": 2, \"baseLoad\": 0.5, \"phase\": 0, \"labels\": {} } ] }", "tenant", TestName = "Start_WorkloadWithoutTenant_FailsNamingTheFile")]
    [TestCase("{ \"formatVersion\": 1, \"zoneId\": \"gx-sim\", \"workloads\": [ { \"id\": \"w\", \"tenant\": \"t\", \"system\": \"\", \"requests\": { \"cpuMillicores\": -1 }, \"mlpsLevel\": 2, \"baseLoad\": 0.5, \"phase\": 0, \"labels\": {} } ] }", "workload 0 ('w') has negative requests", TestName = "Start_NegativeRequests_FailsNamingTheFile")]
    [TestCase("{ \"formatVersion\": 1, \"zoneId\": \"gx-sim\", \"workloads\": [ { \"id\": \"w\", \"tenant\": \"t\", \"system\": \"\", \"requests\": { \"cpuMillicores\": 1 }, \"mlpsLevel\": 9, \"baseLoad\": 0.5, \"phase\": 0, \"labels\": {} } ] }", "MLPS level 9", TestName = "Start_UnknownLevel_FailsNamingTheFile")]
    public void Start_CorruptFile_FailsNamingTheFileAndLeavesItAlone(string content, string reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, content);

        var ex = Assert.Throws<InvalidDataException>(() => Start(Stateful()));

        Assert.That(ex!.Message, Does.Contain($"'{_path}' is corrupt").And.Contain(reason).And.Contain("does not re-seed"));
        Assert.That(File.ReadAllText(_path), Is.EqualTo(content), "the file is not replaced by a fresh seed");
    }

    [Test]
    public void Start_NewerFormatVersion_FailsSayingANewerAgentWroteIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        const string content = "{ \"formatVersion\": 2, \"zoneId\": \"gx-sim\", \"zone\": { \"workloads\": {} } }";
        File.WriteAllText(_path, content);

        var ex = Assert.Throws<InvalidDataException>(() => Start(Stateful()));

        Assert.That(ex!.Message, Does.Contain(_path).And.Contain("format version 2, written by a newer agent").And.Contain("reads version 1 or older"));
        Assert.That(File.ReadAllText(_path), Is.EqualTo(content));
    }

    [Test]
    public void Start_AnotherZonesFile_Fails()
    {
        var other = Stateful();
        other.ZoneId = "gx-other";
        Start(other);

        var ex = Assert.Throws<InvalidDataException>(() => Start(Stateful()));

        Assert.That(ex!.Message, Does.Contain($"'{_path}' holds zone 'gx-other', not 'gx-sim'"));
    }

    [Test]
    public async Task Execute_StateFileCannotBeWritten_CommandFailsAndTheZoneIsUnchanged()
    {
        var provider = Start(Stateful());
        string existing = provider.WorkloadIds()[0];
        var changes = new List<string>();
        provider.Changed += (_, kind, id) => changes.Add($"{kind} {id}");
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        File.WriteAllText(Path.GetDirectoryName(_path)!, "a file where the state directory was");

        var place = await PlaceAsync(provider, Spec("not-recorded"));
        var remove = await RemoveAsync(provider, existing);

        Assert.That(place.Succeeded, Is.False);
        Assert.That(place.Message, Does.Contain("could not record the change in its state file").And.Contain(_path));
        Assert.That(remove.Succeeded, Is.False);
        Assert.That(provider.Holds("not-recorded"), Is.False, "a change that was not saved is undone");
        Assert.That(provider.Holds(existing), Is.True);
        Assert.That(changes, Is.Empty);
    }

    [Test]
    public async Task AgentHost_CorruptStateFile_DoesNotStartAndNamesTheFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, "{ not json");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:ZoneId"] = "gx-sim",
            ["Agent:ControlPlaneAddress"] = "http://127.0.0.1:5100", // the state file is what is checked here, not the TLS identity
            ["Agent:Zone:RegionCode"] = "450100",
            ["Agent:Simulation:StatePath"] = _path,
        });
        builder.AddZoneAgent();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain(_path).And.Contain("corrupt"));
        Assert.That(File.ReadAllText(_path), Is.EqualTo("{ not json"));
    }

    [Test]
    public void Options_StatePathWhoseDirectoryCannotBeCreated_Refused()
    {
        Directory.CreateDirectory(_directory);
        string blocker = Path.Combine(_directory, "zones");
        File.WriteAllText(blocker, "not a directory");
        var options = Stateful();

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.One.Contains("StatePath"));
        Assert.That(result.Failures!.Single(), Does.StartWith($"Agent:Simulation:StatePath '{_path}'").And.Contain($"directory '{blocker}' cannot be created"));
    }

    [Test]
    public void Options_StatePathNamingADirectory_Refused()
    {
        Directory.CreateDirectory(_directory);
        var options = Stateful();
        options.Simulation.StatePath = _directory;

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.One.Contains("names a directory"));
    }

    [Test]
    public void Options_StatePathInANewDirectory_AcceptedAndTheDirectoryCreated()
    {
        var result = new AgentOptionsValidator().Validate(null, Stateful());

        Assert.That(result.Failures ?? [], Has.None.Contains("StatePath"));
        Assert.That(Directory.Exists(Path.GetDirectoryName(_path)), Is.True);
    }
}
