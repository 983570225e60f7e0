namespace CloudGov.Baselines.Model;

/// <summary>Facts looked up by key (see <see cref="FactKeys"/>).</summary>
public interface IFacts
{
    /// <summary>The value of <paramref name="key"/>, or null when it was not reported.</summary>
    string? Get(string key);
}
