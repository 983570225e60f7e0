using System.Collections.Frozen;
using System.Text;

namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>The stored and wire name of each <see cref="AuditAction"/>: the member name in snake_case (<c>plan_auto_approved</c>).</summary>
public static class AuditActionNames
{
    private static readonly FrozenDictionary<AuditAction, string> Names =
        Enum.GetValues<AuditAction>().ToFrozenDictionary(a => a, a => Snake(a.ToString()));

    private static readonly FrozenDictionary<string, AuditAction> Actions =
        Names.Where(p => p.Key != AuditAction.Unspecified).ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every recorded action's name, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Actions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The name of <paramref name="action"/>.</summary>
    public static string Of(AuditAction action) => Names.TryGetValue(action, out var name) ? name : Snake(action.ToString());

    /// <summary>The action a stored name stands for; <see cref="AuditAction.Unspecified"/> for a name this build does not know.</summary>
    public static AuditAction Parse(string? name) => name is not null && Actions.TryGetValue(name, out var action) ? action : AuditAction.Unspecified;

    /// <summary>True when <paramref name="name"/> is a recorded action's name.</summary>
    public static bool IsKnown(string? name) => name is not null && Actions.ContainsKey(name);

    private static string Snake(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
