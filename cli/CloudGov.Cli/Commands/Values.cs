using System.Globalization;
using System.Reflection;
using CloudGov.Cli.Output;
using Google.Protobuf.Reflection;

namespace CloudGov.Cli.Commands;

/// <summary>Parses option values the API types need: enum names, resource quantities with units, <c>key=value</c> labels.</summary>
internal static class Values
{
    /// <summary>
    /// A proto enum value from its kebab name (<c>egov-extranet</c>), its C# name, its proto name
    /// (<c>NETWORK_PLANE_EGOV_EXTRANET</c>) or its number; <see cref="CliUsageException"/> listing the choices otherwise.
    /// </summary>
    public static T Enum<T>(string text, string option)
        where T : struct, System.Enum
    {
        var trimmed = text.Trim();
        foreach (var value in System.Enum.GetValues<T>())
        {
            var field = typeof(T).GetField(value.ToString())!;
            var original = field.GetCustomAttribute<OriginalNameAttribute>()?.Name;
            if (string.Equals(trimmed, Show.Name(value), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(trimmed, value.ToString(), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(trimmed, original, StringComparison.OrdinalIgnoreCase) ||
                trimmed == Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))
            {
                return value;
            }
        }

        throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(trimmed)}' is not one of {Choices<T>()}");
    }

    /// <summary>The kebab names of every value but the unspecified one.</summary>
    public static string Choices<T>()
        where T : struct, System.Enum =>
        string.Join(", ", System.Enum.GetValues<T>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0).Select(v => Show.Name(v)));

    /// <summary>CPU: <c>500m</c> (millicores) or <c>2</c>, <c>1.5</c> (cores).</summary>
    public static long Cpu(string text, string option) => Quantity(text, option, "m", 1, 1000, "500m or 2 (cores)");

    /// <summary>Memory: <c>512Mi</c>, <c>4Gi</c>, <c>1Ti</c>, or a bare number of MiB.</summary>
    public static long Memory(string text, string option)
    {
        var t = text.Trim();
        if (t.EndsWith("Ti", StringComparison.Ordinal))
        {
            return Quantity(t[..^2], option, "", 1024 * 1024, 1024 * 1024, "4096, 512Mi, 4Gi or 1Ti");
        }

        if (t.EndsWith("Gi", StringComparison.Ordinal))
        {
            return Quantity(t[..^2], option, "", 1024, 1024, "4096, 512Mi, 4Gi or 1Ti");
        }

        return Quantity(t.EndsWith("Mi", StringComparison.Ordinal) ? t[..^2] : t, option, "", 1, 1, "4096, 512Mi, 4Gi or 1Ti");
    }

    /// <summary>Storage: <c>100Gi</c>, <c>2Ti</c>, or a bare number of GiB.</summary>
    public static long Storage(string text, string option)
    {
        var t = text.Trim();
        if (t.EndsWith("Ti", StringComparison.Ordinal))
        {
            return Quantity(t[..^2], option, "", 1024, 1024, "100, 100Gi or 2Ti");
        }

        return Quantity(t.EndsWith("Gi", StringComparison.Ordinal) ? t[..^2] : t, option, "", 1, 1, "100, 100Gi or 2Ti");
    }

    /// <summary><c>key=value</c> pairs into a dictionary.</summary>
    public static Dictionary<string, string> Labels(IEnumerable<string> pairs, string option)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            int at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(pair)}' is not key=value");
            }

            labels[pair[..at]] = pair[(at + 1)..];
        }

        return labels;
    }

    /// <summary>
    /// Inbound access rules: <c>tcp/443@10.0.0.0/8</c>, <c>udp/5000-5010@0.0.0.0/0</c>, <c>icmp@10.1.0.0/16</c> (protocol,
    /// ports for tcp and udp, the source CIDR after '@').
    /// </summary>
    public static CloudGov.Proto.Common.V1.AccessPolicy? Access(IEnumerable<string> rules, string option)
    {
        var policy = new CloudGov.Proto.Common.V1.AccessPolicy();
        foreach (var text in rules)
        {
            int at = text.IndexOf('@', StringComparison.Ordinal);
            var head = at < 0 ? text : text[..at];
            var cidr = at < 0 ? "" : text[(at + 1)..];
            var parts = head.Split('/', 2);
            var protocol = parts[0].ToLowerInvariant() switch
            {
                "tcp" => CloudGov.Proto.Common.V1.AccessProtocol.Tcp,
                "udp" => CloudGov.Proto.Common.V1.AccessProtocol.Udp,
                "icmp" => CloudGov.Proto.Common.V1.AccessProtocol.Icmp,
                _ => throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(text)}' must start with tcp, udp or icmp, e.g. tcp/443@10.0.0.0/8"),
            };
            uint from = 0, to = 0;
            if (parts.Length == 2)
            {
                var range = parts[1].Split('-', 2);
                if (!uint.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out from) ||
                    !uint.TryParse(range.Length == 2 ? range[1] : range[0], NumberStyles.None, CultureInfo.InvariantCulture, out to))
                {
                    throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(text)}' has no port or port range after '/', e.g. tcp/8000-8080@10.0.0.0/8");
                }
            }

            if (cidr.Length == 0)
            {
                throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(text)}' names no source after '@', e.g. tcp/443@10.0.0.0/8 (0.0.0.0/0 = the Internet)");
            }

            policy.Ingress.Add(new CloudGov.Proto.Common.V1.AccessRule { Protocol = protocol, PortFrom = from, PortTo = to, SourceCidr = cidr });
        }

        return policy.Ingress.Count == 0 ? null : policy;
    }

    /// <summary>One access rule as the option takes it.</summary>
    public static string Access(CloudGov.Proto.Common.V1.AccessRule rule) =>
        rule.Protocol == CloudGov.Proto.Common.V1.AccessProtocol.Icmp || (rule.PortFrom == 0 && rule.PortTo == 0)
            ? $"{Show.Name(rule.Protocol)}@{rule.SourceCidr}"
            : rule.PortFrom == rule.PortTo ? $"{Show.Name(rule.Protocol)}/{rule.PortFrom}@{rule.SourceCidr}" : $"{Show.Name(rule.Protocol)}/{rule.PortFrom}-{rule.PortTo}@{rule.SourceCidr}";

    /// <summary>Region codes from repeated or comma-separated values.</summary>
    public static List<string> List(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static long Quantity(string text, string option, string smallSuffix, long smallFactor, long bareFactor, string example)
    {
        var t = text.Trim();
        long factor = bareFactor;
        if (smallSuffix.Length > 0 && t.EndsWith(smallSuffix, StringComparison.Ordinal))
        {
            t = t[..^smallSuffix.Length];
            factor = smallFactor;
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number > 1e15m)
        {
            throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(text)}' is not a quantity; e.g. {example}");
        }

        var scaled = number * factor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(text)}' is not a whole number of the API's unit; e.g. {example}");
        }

        return (long)scaled;
    }
}
