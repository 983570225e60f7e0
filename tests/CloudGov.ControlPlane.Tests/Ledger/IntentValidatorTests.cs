using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>Intents, patches and selectors are checked field by field, naming each field as the operations API spells it.</summary>
public sealed class IntentValidatorTests
{
    private static readonly WorkloadSpec Valid = new(
        "nn-dsj-ywtb-01", "nn-dsj", "一网通办", "数字政府一期", new ResourceVector(2_000, 4_096, 50), MlpsLevel.Level3, ["45", "4501"], NetworkPlane.EGovExtranet);

    private static IEnumerable<TestCaseData> BadPatches()
    {
        yield return new TestCaseData(new IntentPatch(TenantId: "two words"), "patch.tenant_id");
        yield return new TestCaseData(new IntentPatch(System: " padded"), "patch.system");
        yield return new TestCaseData(new IntentPatch(Project: new string('p', 129)), "patch.project");
        yield return new TestCaseData(new IntentPatch(MlpsLevel: MlpsLevel.Unspecified), "patch.mlps_level");
        yield return new TestCaseData(new IntentPatch(MlpsLevel: (MlpsLevel)9), "patch.mlps_level");
        yield return new TestCaseData(new IntentPatch(AllowedRegions: ["4501", "450"]), "patch.allowed_regions.codes[1]");
        yield return new TestCaseData(new IntentPatch(AllowedRegions: [.. Enumerable.Repeat("45", 65)]), "patch.allowed_regions.codes");
        yield return new TestCaseData(new IntentPatch(NetworkPlane: NetworkPlane.Unspecified), "patch.network_plane");
        yield return new TestCaseData(new IntentPatch(AntiAffinityGroup: "tab\tgroup"), "patch.anti_affinity_group");
        yield return new TestCaseData(new IntentPatch(Priority: 1001), "patch.priority");
        yield return new TestCaseData(new IntentPatch(MigrationCost: double.NaN), "patch.migration_cost");
        yield return new TestCaseData(new IntentPatch(MigrationCost: -1), "patch.migration_cost");
        yield return new TestCaseData(new IntentPatch(Requests: new ResourceVector(2_000, 4_096, -1)), "patch.requests.storage_gib");
        yield return new TestCaseData(new IntentPatch(Requests: new ResourceVector(0, 4_096, 0)), "patch.requests");
        yield return new TestCaseData(new IntentPatch(SetLabels: [new WorkloadLabel(" app", "x")]), "patch.set_labels");
        yield return new TestCaseData(new IntentPatch(SetLabels: [new WorkloadLabel("app", new string('v', 257))]), "patch.set_labels[app]");
        yield return new TestCaseData(new IntentPatch(RemoveLabels: ["ok", ""]), "patch.remove_labels[1]");
        yield return new TestCaseData(new IntentPatch(RemoveLabels: [.. Enumerable.Range(0, 33).Select(i => $"k{i}")]), "patch.remove_labels");
    }

    [TestCaseSource(nameof(BadPatches))]
    public void ValidatePatch_BadField_OneProblemNamingIt(IntentPatch patch, string field)
    {
        var problems = IntentValidator.ValidatePatch(patch);

        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { field }), string.Join("; ", problems));
    }

    [Test]
    public void ValidatePatch_EveryFieldValid_NoProblems()
    {
        var patch = new IntentPatch("nn-dsj", "一网通办", "二期", MlpsLevel.Level4, ["45"], NetworkPlane.Internet, "", true, -1000, 0, new ResourceVector(1, 1, 0),
            [new WorkloadLabel("app", "ywtb")], ["old"]);

        Assert.That(IntentValidator.ValidatePatch(patch), Is.Empty);
        Assert.That(IntentValidator.ValidatePatch(new IntentPatch(AllowedRegions: [])), Is.Empty, "an empty list allows anywhere");
    }

    [Test]
    public void ValidatePatch_SetsNothing_RefusedAsEmpty()
    {
        var problems = IntentValidator.ValidatePatch(new IntentPatch(SetLabels: [], RemoveLabels: []));

        Assert.That(problems.Single().Field, Is.EqualTo("patch"));
        Assert.That(problems.Single().Description, Does.Contain("sets nothing"));
    }

    [Test]
    public void ValidateSelector_SelectsNothing_RefusedAsEmpty()
    {
        var problems = IntentValidator.ValidateSelector(new WorkloadSelector(WorkloadIds: [], Labels: []));

        Assert.That(problems.Single().Field, Is.EqualTo("selector"));
        Assert.That(problems.Single().Description, Does.Contain("selects nothing"));
    }

    private static IEnumerable<TestCaseData> BadSelectors()
    {
        yield return new TestCaseData(new WorkloadSelector(WorkloadIds: ["nn-1", "bad id"]), "selector.workload_ids[1]");
        yield return new TestCaseData(new WorkloadSelector(WorkloadIds: [.. Enumerable.Range(0, 10_001).Select(i => $"w-{i}")]), "selector.workload_ids");
        yield return new TestCaseData(new WorkloadSelector(TenantId: "nn rsj"), "selector.tenant_id");
        yield return new TestCaseData(new WorkloadSelector(System: "社保\n核心"), "selector.system");
        yield return new TestCaseData(new WorkloadSelector(Project: new string('p', 129)), "selector.project");
        yield return new TestCaseData(new WorkloadSelector(ZoneId: "NN_A"), "selector.zone_id");
        yield return new TestCaseData(new WorkloadSelector(Labels: [new WorkloadLabel("", "x")]), "selector.labels");
    }

    [TestCaseSource(nameof(BadSelectors))]
    public void ValidateSelector_BadField_OneProblemNamingIt(WorkloadSelector selector, string field)
    {
        var problems = IntentValidator.ValidateSelector(selector);

        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { field }), string.Join("; ", problems));
    }

    [Test]
    public void ValidateSelector_EachCriterionValid_NoProblems()
    {
        var selector = new WorkloadSelector(["nn-dsj-ywtb-01"], "nn-dsj", "一网通办", "二期", "gx-nanning-hcs-1", [new WorkloadLabel("app", "ywtb")]);

        Assert.That(IntentValidator.ValidateSelector(selector), Is.Empty);
    }

    [Test]
    public void ValidateSpec_WithPrefix_EveryBadFieldNamedUnderIt()
    {
        var spec = Valid with { WorkloadId = "", TenantId = "a b", MlpsLevel = MlpsLevel.Unspecified, NetworkPlane = (NetworkPlane)7, AllowedRegions = ["x"], Priority = -1001 };

        var problems = IntentValidator.ValidateSpec(spec, "spec.");

        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "spec.workload_id", "spec.tenant_id", "spec.mlps_level", "spec.network_plane", "spec.allowed_regions[0]", "spec.priority",
        }));
        Assert.That(IntentValidator.ValidateSpec(Valid), Is.Empty);
    }

    [Test]
    public void ValidateSpec_DefaultListsAndEmptyResidency_NoProblems()
    {
        Assert.That(IntentValidator.ValidateSpec(Valid with { AllowedRegions = default, Labels = default }), Is.Empty);
    }

    private static IEnumerable<TestCaseData> LongBadValues()
    {
        string value = "x y" + new string('z', 997);
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidatePatch(new IntentPatch(TenantId: value))), value).SetArgDisplayNames("tenant");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidatePatch(new IntentPatch(AllowedRegions: [value]))), value).SetArgDisplayNames("region");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidatePatch(new IntentPatch(RemoveLabels: [" " + value]))), " " + value).SetArgDisplayNames("remove label");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidateSelector(new WorkloadSelector(WorkloadIds: [value]))), value).SetArgDisplayNames("workload id");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidateSelector(new WorkloadSelector(ZoneId: "Z" + value))), "Z" + value).SetArgDisplayNames("zone id");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidateSelector(new WorkloadSelector(Labels: [new WorkloadLabel(value, "v")]))), value).SetArgDisplayNames("label key");
        yield return new TestCaseData(new Func<List<FieldProblem>>(() => IntentValidator.ValidateSpec(Valid with { WorkloadId = value })), value).SetArgDisplayNames("spec id");
    }

    [TestCaseSource(nameof(LongBadValues))]
    public void Validate_LongBadValue_QuotesAtMostAShortPrefix(Func<List<FieldProblem>> validate, string value)
    {
        var problem = validate().Single();

        Assert.That(problem.Description, Does.Contain(value[..32] + "…"));
        Assert.That(problem.Description, Does.Not.Contain(value[..33]));
        Assert.That(problem.ToString(), Has.Length.LessThan(400));
    }

    [Test]
    public void Truncate_ShortOrNull_Unchanged()
    {
        Assert.That(IntentValidator.Truncate(new string('a', 32)), Is.EqualTo(new string('a', 32)));
        Assert.That(IntentValidator.Truncate(null), Is.Empty);
    }
}
