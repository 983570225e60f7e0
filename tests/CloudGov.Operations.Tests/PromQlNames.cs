using System.Text;

namespace CloudGov.Operations.Tests;

/// <summary>
/// The metric names, label matchers and grouping labels a PromQL expression names — enough of PromQL's lexical rules
/// (strings, ranges, functions, aggregations and their by/without, on/ignoring) to find every selector, not a full parser.
/// </summary>
internal static class PromQlNames
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    private static readonly HashSet<string> GroupingKeywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "@", "start", "end" };

    /// <summary>One label matcher: <c>label op "value"</c>.</summary>
    internal sealed record Matcher(string Label, string Op, string Value);

    /// <summary>One vector selector.</summary>
    internal sealed record Selector(string Metric, IReadOnlyList<Matcher> Matchers);

    /// <summary>What an expression names.</summary>
    internal sealed record Names(IReadOnlyList<Selector> Selectors, IReadOnlyList<string> GroupingLabels);

    /// <summary>Scans <paramref name="expr"/>; throws <see cref="FormatException"/> on what it cannot read.</summary>
    public static Names Of(string expr)
    {
        var tokens = Tokenize(expr);
        var selectors = new List<Selector>();
        var grouping = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var (kind, text) = tokens[i];
            string? next = i + 1 < tokens.Count ? tokens[i + 1].Text : null;
            if (kind == TokenKind.Punct && text == "{")
            {
                var matchers = ReadMatchers(tokens, ref i);
                var name = matchers.FirstOrDefault(m => m.Label == "__name__" && m.Op == "=");
                if (name is null)
                {
                    throw new FormatException($"a selector without a metric name in: {expr}");
                }

                selectors.Add(new Selector(name.Value, [.. matchers.Where(m => m.Label != "__name__")]));
                continue;
            }

            if (kind != TokenKind.Ident)
            {
                continue;
            }

            if (GroupingKeywords.Contains(text))
            {
                if (next == "(")
                {
                    i += 2;
                    for (; i < tokens.Count && tokens[i].Text != ")"; i++)
                    {
                        if (tokens[i].Kind == TokenKind.Ident)
                        {
                            grouping.Add(tokens[i].Text);
                        }
                    }
                }

                continue;
            }

            if (Keywords.Contains(text) || Aggregations.Contains(text) || next == "(")
            {
                continue;
            }

            var own = new List<Matcher>();
            if (next == "{")
            {
                i++;
                own = ReadMatchers(tokens, ref i);
            }

            selectors.Add(new Selector(text, own));
        }

        return new Names(selectors, grouping);
    }

    private static List<Matcher> ReadMatchers(List<(TokenKind Kind, string Text)> tokens, ref int i)
    {
        var matchers = new List<Matcher>();
        for (i++; i < tokens.Count && tokens[i].Text != "}"; i++)
        {
            if (tokens[i].Text == ",")
            {
                continue;
            }

            if (i + 2 >= tokens.Count || tokens[i].Kind != TokenKind.Ident || tokens[i + 1].Kind != TokenKind.Op || tokens[i + 2].Kind != TokenKind.String)
            {
                throw new FormatException($"a label matcher must be label op \"value\", found '{tokens[i].Text}'");
            }

            matchers.Add(new Matcher(tokens[i].Text, tokens[i + 1].Text, tokens[i + 2].Text));
            i += 2;
        }

        if (i >= tokens.Count)
        {
            throw new FormatException("a selector's { is not closed");
        }

        return matchers;
    }

    private enum TokenKind
    {
        Ident,
        String,
        Number,
        Op,
        Punct,
    }

    private static List<(TokenKind Kind, string Text)> Tokenize(string expr)
    {
        var tokens = new List<(TokenKind, string)>();
        int i = 0;
        while (i < expr.Length)
        {
            char c = expr[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < expr.Length && expr[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '[')
            {
                int close = expr.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException("a range's [ is not closed");
                }

                i = close + 1;
            }
            else if (c is '"' or '\'' or '`')
            {
                tokens.Add((TokenKind.String, ReadString(expr, ref i)));
            }
            else if (char.IsLetter(c) || c is '_' or ':')
            {
                int start = i;
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] is '_' or ':'))
                {
                    i++;
                }

                tokens.Add((TokenKind.Ident, expr[start..i]));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsDigit(expr[i + 1])))
            {
                int start = i;
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] == '.'))
                {
                    i++;
                }

                tokens.Add((TokenKind.Number, expr[start..i]));
            }
            else if (c is '(' or ')' or '{' or '}' or ',')
            {
                tokens.Add((TokenKind.Punct, c.ToString()));
                i++;
            }
            else if (i + 1 < expr.Length && expr.Substring(i, 2) is "=~" or "!~" or "!=" or "==" or ">=" or "<=")
            {
                tokens.Add((TokenKind.Op, expr.Substring(i, 2)));
                i += 2;
            }
            else
            {
                tokens.Add((TokenKind.Op, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static string ReadString(string expr, ref int i)
    {
        char quote = expr[i++];
        var value = new StringBuilder();
        while (i < expr.Length && expr[i] != quote)
        {
            if (expr[i] == '\\' && quote != '`' && i + 1 < expr.Length)
            {
                i++;
            }

            value.Append(expr[i++]);
        }

        if (i >= expr.Length)
        {
            throw new FormatException("a string is not closed");
        }

        i++;
        return value.ToString();
    }
}
