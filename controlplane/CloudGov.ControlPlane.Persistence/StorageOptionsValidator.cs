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

        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{S}:SiloPort and {S}:GatewayPort must be between 1 and 65535.");
        }
        else if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{S}:SiloPort and {S}:GatewayPort must differ (both {options.SiloPort}).");
        }

        if (options.SchemaApplyTimeout < TimeSpan.Zero || options.SchemaApplyTimeout > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{S}:SchemaApplyTimeout must be between 0 and 30 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
