namespace CloudGov.ControlPlane.Tests.Domain;

public sealed class ResourceVectorTests
{
    [Test]
    public void Arithmetic_AddAndSubtract_WorkPerDimension()
    {
        var a = new ResourceVector(1000, 2048, 10, 1);
        var b = new ResourceVector(500, 1024, 5, 0);

        Assert.That(a + b, Is.EqualTo(new ResourceVector(1500, 3072, 15, 1)));
        Assert.That(a - b, Is.EqualTo(new ResourceVector(500, 1024, 5, 1)));
        Assert.That((b - a).IsNonNegative, Is.False);
    }

    [Test]
    public void FitsWithin_OneDimensionTooLarge_DoesNotFit()
    {
        var capacity = new ResourceVector(4000, 8192, 100);

        Assert.That(new ResourceVector(4000, 8192, 100).FitsWithin(capacity), Is.True);
        Assert.That(new ResourceVector(1000, 9000, 10).FitsWithin(capacity), Is.False);
    }

    [Test]
    public void DominantRatioOf_PicksTheFullestDimension()
    {
        var capacity = new ResourceVector(4000, 8000, 100);
        var usage = new ResourceVector(1000, 6000, 10);

        Assert.That(usage.DominantRatioOf(capacity), Is.EqualTo(0.75).Within(1e-9));
        Assert.That(usage.RatioOf(capacity, 3), Is.EqualTo(0), "no GPU capacity and no GPU used is 0, not NaN");
    }
}
