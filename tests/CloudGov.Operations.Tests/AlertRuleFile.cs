using YamlDotNet.RepresentationModel;

namespace CloudGov.Operations.Tests;

/// <summary>The shipped alert rules and the promtool unit tests' cases, read from their YAML.</summary>
internal static class AlertRuleFile
{
    /// <summary>One alerting rule.</summary>
    internal sealed record Rule(string Alert, string Expr, string For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

    /// <summary>One evaluation in a promtool unit test: which alert, and whether it expects it firing.</summary>
    internal sealed record Case(string File, string AlertName, string EvalTime, bool ExpectsFiring);

    /// <summary>Every alerting rule in <see cref="RepositoryFiles.AlertRules"/>.</summary>
    public static IReadOnlyList<Rule> Rules()
    {
        var root = Load(RepositoryFiles.AlertRules);
        var rules = new List<Rule>();
        foreach (var group in Seq(root, "groups"))
        {
            foreach (var node in Seq((YamlMappingNode)group, "rules"))
            {
                var rule = (YamlMappingNode)node;
                rules.Add(new Rule(
                    Scalar(rule, "alert"),
                    Scalar(rule, "expr"),
                    Scalar(rule, "for"),
                    Map(rule, "labels"),
                    Map(rule, "annotations")));
            }
        }

        return rules;
    }

    /// <summary>Every alert evaluation in the promtool unit-test files.</summary>
    public static IReadOnlyList<Case> Cases()
    {
        var cases = new List<Case>();
        foreach (var file in RepositoryFiles.RuleTests)
        {
            foreach (var test in Seq(Load(file), "tests"))
            {
                foreach (var node in Seq((YamlMappingNode)test, "alert_rule_test"))
                {
                    var evaluation = (YamlMappingNode)node;
                    bool firing = evaluation.Children.TryGetValue(new YamlScalarNode("exp_alerts"), out var alerts) && alerts is YamlSequenceNode { Children.Count: > 0 };
                    cases.Add(new Case(Path.GetFileName(file), Scalar(evaluation, "alertname"), Scalar(evaluation, "eval_time"), firing));
                }
            }
        }

        return cases;
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq ? seq.Children : [];

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty, kv => (kv.Value as YamlScalarNode)?.Value ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
