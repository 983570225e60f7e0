using CloudGov.Domain;

namespace CloudGov.Baselines.Model;

/// <summary>A set of MLPS levels 1-4 as four bits: the levels a rule applies to, or those a zone is unfit for.</summary>
public readonly record struct LevelSet(byte Bits)
{
    /// <summary>Every level, 1-4.</summary>
    public static LevelSet All { get; } = new(0b1111);

    /// <summary>No level.</summary>
    public static LevelSet None { get; } = new(0);

    /// <summary>Levels <paramref name="from"/> to 4.</summary>
    public static LevelSet From(int from) => Of([.. Enumerable.Range(from, 5 - from)]);

    /// <summary>The set of the given levels (each 1-4).</summary>
    public static LevelSet Of(params int[] levels)
    {
        byte bits = 0;
        foreach (int level in levels)
        {
            if (level is < 1 or > 4)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), level, "MLPS levels are 1-4");
            }

            bits |= (byte)(1 << (level - 1));
        }

        return new LevelSet(bits);
    }

    /// <summary>True when the set holds <paramref name="level"/>.</summary>
    public bool Contains(MlpsLevel level) => level is >= MlpsLevel.Level1 and <= MlpsLevel.Level4 && (Bits & (1 << ((int)level - 1))) != 0;

    /// <summary>True when the set holds no level.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>The union.</summary>
    public LevelSet Union(LevelSet other) => new((byte)(Bits | other.Bits));

    /// <summary>The levels, ascending.</summary>
    public IEnumerable<MlpsLevel> Levels()
    {
        for (int level = 1; level <= 4; level++)
        {
            if ((Bits & (1 << (level - 1))) != 0)
            {
                yield return (MlpsLevel)level;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "none" : string.Join(",", Levels().Select(l => (int)l));
}
