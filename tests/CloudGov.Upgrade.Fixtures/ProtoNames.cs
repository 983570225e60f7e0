using System.Reflection;
using Google.Protobuf.Reflection;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>Proto names of generated enum values (<c>PlanState.Proposed</c> → <c>PLAN_STATE_PROPOSED</c>), stable across code generators.</summary>
internal static class ProtoNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return typeof(T).GetField(name)?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? name;
    }

    /// <summary>The enum value with proto name <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No value of <typeparamref name="T"/> has that name.</exception>
    public static T Parse<T>(string name)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (Of(value) == name)
            {
                return value;
            }
        }

        throw new ArgumentException($"{typeof(T).Name} has no value named {name}", nameof(name));
    }
}
