using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudGov.ControlPlane.Persistence;

/// <summary>Validates <see cref="StorageOptions"/>, including the rules between settings.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        const string S = StorageOptions.SectionName;
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{S}:Mode must be Sqlite or Postgres.");
        }

        if (options.Mode == StorageMode.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            failures.Add($"{S}:SqlitePath is required in Sqlite mode.");
        }

        if (options.Mode == StorageMode.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                failures.Add($"{S}:PostgresConnectionString is required in Postgres mode.");
            }
            else
            {
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"{S}:PostgresConnectionString is not a valid Npgsql connection string: {ex.Message}");
                }
            }

            if (options.AdvertisedIPAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
            {
                failures.Add($"{S}:AdvertisedIPAddress '{address}' is not an IP address.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{S}:ClusterId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{S}:ServiceId is required.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"{S}:SiloPort is {options.SiloPort}; it must be between 1 and 65535.");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{S}:GatewayPort is {options.GatewayPort}; it must be between 1 and 65535.");
        }

        if (options.SiloPort is >= 1 and <= 65535 && options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{S}:SiloPort and {S}:GatewayPort must differ (both {options.SiloPort}).");
        }

        if (options.SchemaApplyTimeout < TimeSpan.Zero || options.SchemaApplyTimeout > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{S}:SchemaApplyTimeout is {options.SchemaApplyTimeout}; it must be between 00:00:00 and 00:30:00.");
        }

        ValidateMembership(options.Membership, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMembership(StorageMembershipOptions membership, List<string> failures)
    {
        const string M = StorageOptions.SectionName + ":Membership";
        if (membership.ProbeTimeout < TimeSpan.FromMilliseconds(200) || membership.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{M}:ProbeTimeout {membership.ProbeTimeout} must be between 200 ms and 1 min.");
        }

        if (membership.MaxProbeTimeout < membership.ProbeTimeout)
        {
            failures.Add($"{M}:MaxProbeTimeout {membership.MaxProbeTimeout} must be at least {M}:ProbeTimeout ({membership.ProbeTimeout}).");
        }

        if (membership.NumMissedProbesLimit is < 1 or > 10)
        {
            failures.Add($"{M}:NumMissedProbesLimit {membership.NumMissedProbesLimit} must be between 1 and 10.");
        }

        if (membership.NumVotesForDeathDeclaration is < 1 or > 10)
        {
            failures.Add($"{M}:NumVotesForDeathDeclaration {membership.NumVotesForDeathDeclaration} must be between 1 and 10.");
        }

        if (membership.TableRefreshTimeout < TimeSpan.FromSeconds(1) || membership.TableRefreshTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{M}:TableRefreshTimeout {membership.TableRefreshTimeout} must be between 1 s and 10 min.");
        }

        if (membership.IAmAliveTablePublishTimeout < TimeSpan.FromSeconds(1) || membership.IAmAliveTablePublishTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{M}:IAmAliveTablePublishTimeout {membership.IAmAliveTablePublishTimeout} must be between 1 s and 1 h.");
        }
    }
}
