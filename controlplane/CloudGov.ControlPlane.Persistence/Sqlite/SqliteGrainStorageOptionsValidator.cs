using Microsoft.Extensions.Options;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>Validates <see cref="SqliteGrainStorageOptions"/>.</summary>
internal sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            failures.Add($"SQLite grain storage '{name}': {nameof(options.DataSource)} (the database file path) is required.");
        }
        else if (options.DataSource.Contains(';', StringComparison.Ordinal))
        {
            failures.Add($"SQLite grain storage '{name}': {nameof(options.DataSource)} must be a file path, not a connection string.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"SQLite grain storage '{name}': {nameof(options.BusyTimeout)} must be between 0 and 10 minutes (was {options.BusyTimeout}).");
        }

        if (options.MaxWriteBatch is < 1 or > 10_000)
        {
            failures.Add($"SQLite grain storage '{name}': {nameof(options.MaxWriteBatch)} must be between 1 and 10000 (was {options.MaxWriteBatch}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
