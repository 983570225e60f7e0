namespace CloudGov.Cli.Tests;

/// <summary>How many terminal columns text takes: East Asian wide and fullwidth characters (汉字, fullwidth punctuation) take two.</summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            bool wide = c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
                or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
                or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD);
            width += wide ? 2 : 1;
        }

        return width;
    }

    /// <summary>The lines of the first table (from a line starting with ╭ to the next line starting with ╰).</summary>
    public static IReadOnlyList<string> FirstTable(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.FindIndex(l => l.StartsWith('╭'));
        int end = lines.FindIndex(start + 1, l => l.StartsWith('╰'));
        return start < 0 || end < 0 ? [] : lines.GetRange(start, end - start + 1);
    }
}
