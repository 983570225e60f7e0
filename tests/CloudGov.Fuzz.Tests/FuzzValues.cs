using System.Text;

namespace CloudGov.Fuzz.Tests;

/// <summary>Extreme and random values for the fuzzer, all drawn from one seeded <see cref="Random"/> so a run is reproducible.</summary>
internal sealed class FuzzValues(Random random)
{
    private static readonly long[] Longs = [0, 1, -1, long.MaxValue, long.MinValue, long.MaxValue - 1, 1L << 62, 1L << 53, (1L << 53) + 1, 100_000_000, 100_000_001, 1L << 30, (1L << 30) + 1, int.MaxValue, 1000];
    private static readonly ulong[] Sequences = [0, 1, 2, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 53, (1UL << 53) + 1, 1UL << 63, long.MaxValue];
    private static readonly int[] Ints = [0, 1, -1, 2, 3, 4, 5, 7, 77, 99, int.MaxValue, int.MinValue, 1000, -1000, 1001, -1001];
    private static readonly double[] Doubles = [0, 1, -1, 0.5, 10, 10.0000001, 1e308, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -0.0, 1000, 1000.5];
    private static readonly string[] Pieces = ["", " ", "   ", "\n", "\r\n", "\t", "\0", "\u001b[31m", "南宁", "👍", "\ud800", "a", "-", "gx-zone", "gx-zone\n", "../etc", "'; DROP", "%00", "\u202e", "cloudgov.io/tenant", "450100", "45", "plan-0123456789abcdef"];

    public Random Random => random;

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public long Long() => Chance(0.7) ? Pick(Longs) : random.NextInt64(long.MinValue, long.MaxValue);

    public ulong Sequence() => Chance(0.7) ? Pick(Sequences) : (ulong)random.NextInt64();

    public int Int() => Chance(0.7) ? Pick(Ints) : random.Next(int.MinValue, int.MaxValue);

    public double Double() => Chance(0.8) ? Pick(Doubles) : BitConverter.Int64BitsToDouble(random.NextInt64());

    /// <summary>A string of a random kind: a known hostile piece, random characters of a random length (up to 300,000), or a mix.</summary>
    public string String()
    {
        switch (random.Next(5))
        {
            case 0:
                return Pick(Pieces);
            case 1:
                return new string((char)random.Next('a', 'z' + 1), Pick(new[] { 1, 2, 32, 33, 63, 64, 127, 128, 129, 256, 257, 1024, 1025, 65_536, 300_000 }));
            case 2:
                {
                    var text = new StringBuilder();
                    int n = random.Next(1, 40);
                    for (int i = 0; i < n; i++)
                    {
                        text.Append((char)random.Next(0, 0x3000));
                    }

                    return text.ToString();
                }

            case 3:
                return Pick(Pieces) + "x" + Pick(Pieces);
            default:
                return $"w-{random.Next(1000)}";
        }
    }

    /// <summary>Bytes derived from a valid message: truncated, with bytes flipped or inserted, or wholly random.</summary>
    public byte[] Mangle(byte[] valid)
    {
        switch (random.Next(4))
        {
            case 0:
                return valid.Length == 0 ? [0xFF] : valid[..random.Next(valid.Length)];
            case 1:
                {
                    var copy = (byte[])valid.Clone();
                    int flips = random.Next(1, 4);
                    for (int i = 0; i < flips && copy.Length > 0; i++)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }

                    return copy;
                }

            case 2:
                {
                    var extra = new byte[random.Next(1, 16)];
                    random.NextBytes(extra);
                    int at = random.Next(valid.Length + 1);
                    return [.. valid[..at], .. extra, .. valid[at..]];
                }

            default:
                {
                    var bytes = new byte[random.Next(1, 256)];
                    random.NextBytes(bytes);
                    return bytes;
                }
        }
    }
}
