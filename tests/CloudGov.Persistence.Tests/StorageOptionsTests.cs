using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudGov.Persistence.Tests;

[TestFixture]
public sealed class StorageOptionsTests
{
    [Test]
    public void Validate_Defaults_Succeeds()
    {
        Assert.That(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded, Is.True);
    }

    [Test]
    public void Validate_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Mode = StorageMode.Postgres });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Storage:PostgresConnectionString"));
    }

    [Test]
    public void Validate_SamePortTwice_Fails()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { SiloPort = 4000, GatewayPort = 4000 });

        Assert.That(result.FailureMessage, Does.Contain("must differ"));
    }

    [Test]
    public void Validate_SqliteOptionsWithoutPath_Fails()
    {
        var result = new SqliteGrainStorageOptionsValidator().Validate("store", new SqliteGrainStorageOptions());

        Assert.That(result.FailureMessage, Does.Contain("DataSource"));
    }

    [Test]
    public void UseCloudGovStorage_InvalidSection_ThrowsWhileConfiguring()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Storage:Mode", "Postgres")]);

        Assert.That(() => builder.UseOrleans(silo => silo.UseCloudGovStorage(builder.Configuration)),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("PostgresConnectionString"));
    }
}
