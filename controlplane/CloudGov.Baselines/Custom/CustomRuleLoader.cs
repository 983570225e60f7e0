using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Custom;

/// <summary>
/// Loads custom rules from a declarative JSON file (format in the README, "Custom rules"), validating every field; a file
/// with any problem is refused whole, with every problem named (file, rule, field, what is wrong).
/// </summary>
public static partial class CustomRuleLoader
{
    /// <summary>At most this many custom rules in one file.</summary>
    public const int MaxRules = 200;

    /// <summary>At most this many bytes in one file.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly Dictionary<string, FactOperator> Operators = new(StringComparer.Ordinal)
    {
        ["equals"] = FactOperator.Equals,
        ["not-equals"] = FactOperator.NotEquals,
        ["in"] = FactOperator.In,
        ["not-in"] = FactOperator.NotIn,
        ["at-least"] = FactOperator.AtLeast,
        ["at-most"] = FactOperator.AtMost,
        ["exists"] = FactOperator.Exists,
        ["list-excludes"] = FactOperator.ListExcludes,
    };

    /// <summary>Reads and validates <paramref name="path"/>; <paramref name="reservedIds"/> are ids already taken (the built-in pack).</summary>
    /// <exception cref="CustomRuleFileException">The file is missing, unreadable or has any invalid rule.</exception>
    public static IReadOnlyList<IBaselineRule> Load(string path, IEnumerable<string> reservedIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CustomRuleFileException(path, ["the file does not exist"]);
            }

            if (info.Length > MaxFileBytes)
            {
                throw new CustomRuleFileException(path, [$"the file is larger than {MaxFileBytes} bytes"]);
            }

            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new CustomRuleFileException(path, [$"the file cannot be read: {ex.Message}"]);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CustomRuleFileException(path, [$"the file cannot be read: {ex.Message}"]);
        }

        return Parse(path, text, reservedIds);
    }

    /// <summary>Validates <paramref name="json"/> as the content of file <paramref name="path"/>.</summary>
    /// <exception cref="CustomRuleFileException">Any problem.</exception>
    public static IReadOnlyList<IBaselineRule> Parse(string path, string json, IEnumerable<string> reservedIds)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new CustomRuleFileException(path, [$"not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var rules = new List<IBaselineRule>();
            var taken = new HashSet<string>(reservedIds, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new CustomRuleFileException(path, ["the file must be an object with a \"rules\" array"]);
            }

            if (list.GetArrayLength() > MaxRules)
            {
                throw new CustomRuleFileException(path, [$"rules: at most {MaxRules} rules, found {list.GetArrayLength()}"]);
            }

            int index = 0;
            foreach (var element in list.EnumerateArray())
            {
                index++;
                var rule = new RuleReader(path, element, index, problems);
                if (rule.Build() is { } built)
                {
                    if (taken.Contains(built.Descriptor.Id))
                    {
                        problems.Add($"rule '{built.Descriptor.Id}' (#{index}): id: taken by a built-in rule");
                    }
                    else if (!seen.Add(built.Descriptor.Id))
                    {
                        problems.Add($"rule '{built.Descriptor.Id}' (#{index}): id: defined twice in the file");
                    }
                    else
                    {
                        rules.Add(built);
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new CustomRuleFileException(path, problems);
            }

            return rules;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    internal static partial Regex RuleIdPattern();

    /// <summary>Reads one rule object, adding a problem per bad field.</summary>
    private sealed class RuleReader(string path, JsonElement element, int index, List<string> problems)
    {
        private string _name = $"#{index}";

        public FactRule? Build()
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem("", "each rule must be an object");
                return null;
            }

            int before = problems.Count;
            string id = Text("id", 1, 64) ?? "";
            if (id.Length > 0)
            {
                _name = $"'{id}' (#{index})";
                if (!RuleIdPattern().IsMatch(id))
                {
                    Problem("id", "lowercase letters, digits and '-' only, starting with a letter or digit");
                }
            }

            string title = Text("title", 1, 200) ?? "";
            string reference = Text("reference", 0, 200, required: false) ?? "";
            var subject = Choice("subject", new Dictionary<string, RuleSubject> { ["zone"] = RuleSubject.Zone, ["workload-in-zone"] = RuleSubject.WorkloadInZone }, RuleSubject.Zone) ?? RuleSubject.Zone;
            string fact = Text("fact", 1, 128) ?? "";
            if (fact.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                Problem("fact", "a fact key has no whitespace or control characters");
            }

            var op = Choice("operator", Operators, (FactOperator?)null);
            string[] values = Values(op);
            var levels = Levels();
            var severity = Choice("severity", new Dictionary<string, Severity> { ["low"] = Severity.Low, ["medium"] = Severity.Medium, ["high"] = Severity.High, ["critical"] = Severity.Critical }, (Severity?)null);
            var mode = Choice("mode", new Dictionary<string, RuleMode> { ["audit"] = RuleMode.Audit, ["enforce"] = RuleMode.Enforce }, (RuleMode?)null);
            var action = Choice("action", new Dictionary<string, RuleAction> { ["none"] = RuleAction.None, ["quarantine"] = RuleAction.Quarantine, ["evacuate"] = RuleAction.Evacuate }, RuleAction.None) ?? RuleAction.None;
            if (action != RuleAction.None && mode != RuleMode.Enforce)
            {
                Problem("action", "quarantine and evacuate need mode \"enforce\"");
            }

            if (action == RuleAction.Quarantine && subject != RuleSubject.Zone)
            {
                Problem("action", "quarantine applies to zone rules only");
            }

            if (subject == RuleSubject.Zone && (fact.StartsWith("workload.", StringComparison.Ordinal) || fact.StartsWith("ledger.", StringComparison.Ordinal)))
            {
                Problem("fact", "a zone rule reads zone facts, not workload.* or ledger.* keys (use subject \"workload-in-zone\")");
            }

            var (zh, en) = Remediation();
            if (problems.Count > before || op is null || severity is null || mode is null)
            {
                return null;
            }

            var descriptor = new RuleDescriptor(id, title, RuleSource.Custom, reference.Length > 0 ? reference : Path.GetFileName(path), subject, levels, severity.Value, mode.Value, action, zh, en, [fact]);
            return new FactRule(descriptor, fact, op.Value, values);
        }

        private void Problem(string field, string what) =>
            problems.Add(field.Length == 0 ? $"rule {_name}: {what}" : $"rule {_name}: {field}: {what}");

        private string? Text(string field, int min, int max, bool required = true)
        {
            if (!element.TryGetProperty(field, out var value))
            {
                if (required)
                {
                    Problem(field, "missing");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Problem(field, "must be a string");
                return null;
            }

            var text = value.GetString()!;
            if (text.Length < min || text.Length > max)
            {
                Problem(field, $"{min}-{max} characters");
                return null;
            }

            return text;
        }

        private T? Choice<T>(string field, IReadOnlyDictionary<string, T> choices, T? fallback)
            where T : struct
        {
            if (!element.TryGetProperty(field, out var value))
            {
                if (fallback is null)
                {
                    Problem(field, $"missing; one of {string.Join(", ", choices.Keys)}");
                }

                return fallback;
            }

            if (value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!, out var chosen))
            {
                return chosen;
            }

            Problem(field, $"must be one of {string.Join(", ", choices.Keys)}");
            return fallback;
        }

        private string[] Values(FactOperator? op)
        {
            bool has = element.TryGetProperty("value", out var value);
            switch (op)
            {
                case null:
                    return [];
                case FactOperator.Exists:
                    if (has)
                    {
                        Problem("value", "operator \"exists\" takes no value");
                    }

                    return [];
                case FactOperator.In or FactOperator.NotIn or FactOperator.ListExcludes:
                    if (!has || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > 64
                        || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length is 0 or > 256))
                    {
                        Problem("value", "an array of 1-64 strings (1-256 characters each)");
                        return [];
                    }

                    return [.. value.EnumerateArray().Select(v => v.GetString()!)];
                case FactOperator.AtLeast or FactOperator.AtMost:
                    if (!has || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double n) || !double.IsFinite(n))
                    {
                        Problem("value", "a number");
                        return ["0"];
                    }

                    return [n.ToString(CultureInfo.InvariantCulture)];
                default:
                    if (!has || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                    {
                        Problem("value", "a string, number or boolean");
                        return [""];
                    }

                    string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    if (text.Length is 0 or > 256)
                    {
                        Problem("value", "1-256 characters");
                    }

                    return [text];
            }
        }

        private LevelSet Levels()
        {
            if (!element.TryGetProperty("levels", out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                Problem("levels", "missing or empty; an array of MLPS levels 1-4");
                return LevelSet.None;
            }

            var levels = new List<int>();
            foreach (var v in value.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int level) || level is < 1 or > 4)
                {
                    Problem("levels", "every level is a whole number 1-4");
                    return LevelSet.None;
                }

                levels.Add(level);
            }

            return LevelSet.Of([.. levels]);
        }

        private (string Zh, string En) Remediation()
        {
            if (!element.TryGetProperty("remediation", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                Problem("remediation", "missing; an object with \"zh\" and \"en\" (1-1000 characters each)");
                return ("", "");
            }

            string? Part(string key)
            {
                if (!value.TryGetProperty(key, out var part) || part.ValueKind != JsonValueKind.String || part.GetString()!.Length is 0 or > 1000)
                {
                    Problem($"remediation.{key}", "1-1000 characters");
                    return null;
                }

                return part.GetString();
            }

            return (Part("zh") ?? "", Part("en") ?? "");
        }
    }
}
