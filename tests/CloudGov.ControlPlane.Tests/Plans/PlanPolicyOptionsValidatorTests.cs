using CloudGov.ControlPlane.Grains.Plans;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The plan settings' ranges.</summary>
public sealed class PlanPolicyOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeeds() =>
        Assert.That(new PlanPolicyOptionsValidator().Validate(null, new PlanPolicyOptions()).Succeeded, Is.True);

    [Test]
    public void Validate_OutOfRange_FailsNamingEverySetting()
    {
        var options = new PlanPolicyOptions
        {
            ExpireAfter = TimeSpan.FromSeconds(5),
            Retain = 1,
            DefaultTargetUtilization = 1.5,
            AutoApproval = new AutoApprovalOptions { MaxMoves = 0 },
        };

        var result = new PlanPolicyOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Plans:ExpireAfter").And.Contain("Plans:Retain")
            .And.Contain("Plans:DefaultTargetUtilization").And.Contain("Plans:AutoApproval:MaxMoves"));
    }
}
