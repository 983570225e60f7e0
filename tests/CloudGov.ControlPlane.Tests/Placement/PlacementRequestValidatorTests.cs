using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.ControlPlane.Grains.Zones;
using Microsoft.Extensions.Options;

namespace CloudGov.ControlPlane.Tests.Placement;

/// <summary>Placement requests and settings are checked field by field, with messages that say what to fix.</summary>
public sealed class PlacementRequestValidatorTests
{
    private static WorkloadSpec Valid => new(
        "nn-dsj-ywtb-01", "nn-dsj", "一网通办", Requests: new ResourceVector(2_000, 4_096, 50), MlpsLevel: MlpsLevel.Level3, NetworkPlane: NetworkPlane.EGovExtranet, AllowedRegions: ["45", "4501", "450102"]);

    [Test]
    public void Validate_ValidRequestOrEmptyResidency_NoProblems()
    {
        Assert.That(PlacementRequestValidator.Validate(Valid), Is.Empty);
        Assert.That(PlacementRequestValidator.Validate(Valid with { AllowedRegions = [], System = "" }), Is.Empty);
        Assert.That(PlacementRequestValidator.Validate(Valid with { AllowedRegions = default }), Is.Empty);
    }

    [TestCase("", "workload_id '' is malformed")]
    [TestCase("two words", "workload_id 'two words' is malformed")]
    [TestCase("tab\tid", "workload_id")]
    public void Validate_BadWorkloadId_NamesTheField(string id, string expected)
    {
        Assert.That(PlacementRequestValidator.Validate(Valid with { WorkloadId = id }), Has.One.Contains(expected.Replace("workload_id '", "workload_id: '")));
    }

    [Test]
    public void Validate_EachBadField_OneProblemNamingIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlacementRequestValidator.Validate(Valid with { WorkloadId = new string('w', 129) }), Has.One.StartsWith("workload_id"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { TenantId = " " }), Has.One.StartsWith("tenant_id"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { System = new string('s', 129) }), Has.One.StartsWith("system"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { Requests = new ResourceVector(2_000, 4_096, -5) }), Has.One.StartsWith("requests.storage_gib: is -5"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { Requests = new ResourceVector(0, 4_096, 5) }), Has.One.Contains("must both be more than 0"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { Requests = new ResourceVector(200_000_000, 4_096, 5) }), Has.One.StartsWith("requests.cpu_millicores: 200000000 is more than any zone can have"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { MlpsLevel = MlpsLevel.Unspecified }), Has.One.StartsWith("mlps_level"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { MlpsLevel = (MlpsLevel)7 }), Has.One.StartsWith("mlps_level"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { NetworkPlane = NetworkPlane.Unspecified }), Has.One.StartsWith("network_plane"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { AllowedRegions = ["450"] }), Has.One.StartsWith("allowed_regions[0]: '450' must be a 2-, 4- or 6-digit region code"));
            Assert.That(PlacementRequestValidator.Validate(Valid with { AllowedRegions = [.. Enumerable.Repeat("45", 65)] }), Has.One.StartsWith("allowed_regions: has 65 entries"));
        });
    }

    [Test]
    public void PlacementOptions_DefaultsAndRanges_ValidatedAgainstTheReportInterval()
    {
        var validator = new PlacementOptionsValidator(Options.Create(new ZoneOptions { ReportInterval = TimeSpan.FromSeconds(30) }));

        Assert.That(validator.Validate(null, new PlacementOptions()).Succeeded, Is.True, "default 10 min");
        Assert.That(validator.Validate(null, new PlacementOptions { CommandDeadline = TimeSpan.FromSeconds(5) }).FailureMessage, Does.Contain("Placement:CommandDeadline"));
        Assert.That(validator.Validate(null, new PlacementOptions { CommandDeadline = TimeSpan.FromDays(2) }).Failed, Is.True);
        Assert.That(validator.Validate(null, new PlacementOptions { CommandDeadline = TimeSpan.FromSeconds(45) }).FailureMessage, Does.Contain("at least twice Zones:ReportInterval"));
    }
}
