using CloudGov.Baselines.Custom;
using CloudGov.Baselines.Evaluation;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>The pack in force: the built-in rules plus the custom rule file's, when one is configured.</summary>
public static class BaselinePackFactory
{
    /// <summary>Builds the pack.</summary>
    /// <exception cref="CustomRuleFileException">The custom rule file is missing or invalid.</exception>
    public static BaselinePack Create(BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return new BaselinePack([]);
        }

        var builtIn = BuiltInPack.Rules();
        if (string.IsNullOrWhiteSpace(options.CustomRulesPath))
        {
            return new BaselinePack(builtIn);
        }

        var custom = CustomRuleLoader.Load(options.CustomRulesPath, builtIn.Select(r => r.Descriptor.Id));
        return new BaselinePack([.. builtIn, .. custom]);
    }
}
