namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>Checks each ledger setting's range.</summary>
public sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MissingAfterReports is < 1 or > 1000)
        {
            failures.Add($"Ledger:MissingAfterReports is {options.MissingAfterReports}; it must be between 1 and 1000.");
        }

        if (options.HistoryKept is < 1 or > 1000)
        {
            failures.Add($"Ledger:HistoryKept is {options.HistoryKept}; it must be between 1 and 1000.");
        }

        if (options.FlushInterval < TimeSpan.FromMilliseconds(50) || options.FlushInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Ledger:FlushInterval is {options.FlushInterval}; it must be between 00:00:00.05 and 00:01:00.");
        }

        if (options.ResyncInterval < TimeSpan.FromSeconds(1) || options.ResyncInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"Ledger:ResyncInterval is {options.ResyncInterval}; it must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
