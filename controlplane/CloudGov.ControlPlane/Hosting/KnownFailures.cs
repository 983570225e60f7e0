namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// Failures found while the host was being built (the storage section decides the wiring, so it is checked then),
/// reported at start together with every other section's.
/// </summary>
internal sealed class KnownFailures<TOptions>(IEnumerable<string> failures) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string[] _failures = [.. failures];

    public ValidateOptionsResult Validate(string? name, TOptions options) => ValidateOptionsResult.Fail(_failures);
}
