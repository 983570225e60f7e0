using System.Globalization;
using Amazon.EC2.Model;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// The zone's security posture as EC2 shows it, as facts for the baseline rules. Keys shared with the other providers
/// (<c>storage.encryption_at_rest</c>, <c>network.world_open_ports</c>, <c>aws.imdsv2_required</c>) follow the
/// baselines' fact table; the <c>aws.</c> keys say which groups and instances are the cause.
/// </summary>
internal static class AwsPosture
{
    /// <summary>"enabled" or "disabled": from the account's EBS encryption by default in the region (new volumes are encrypted).</summary>
    public const string EncryptionAtRest = "storage.encryption_at_rest";

    /// <summary>"true" or "false": GetEbsEncryptionByDefault as the API answers it.</summary>
    public const string EbsEncryptionByDefault = "aws.ebs_encryption_by_default";

    /// <summary>TCP ports (and ranges, "all") the security groups attached to the zone's instances open to 0.0.0.0/0 or ::/0; "none".</summary>
    public const string WorldOpenPorts = "network.world_open_ports";

    /// <summary>Security groups attached to the zone's instances that open SSH (22) to the Internet, comma-separated; "none".</summary>
    public const string WorldOpenSsh = "aws.sg_world_open_ssh";

    /// <summary>Security groups attached to the zone's instances that open RDP (3389) to the Internet, comma-separated; "none".</summary>
    public const string WorldOpenRdp = "aws.sg_world_open_rdp";

    /// <summary>"true" when every instance of the zone requires IMDSv2 (metadata HttpTokens=required).</summary>
    public const string ImdsV2Required = "aws.imdsv2_required";

    /// <summary>How many of the zone's instances accept IMDSv1 (HttpTokens optional).</summary>
    public const string ImdsV1Instances = "aws.imdsv1_instances";

    /// <summary>How many CloudGov workloads run without a security group of their own (their access policy is not theirs alone).</summary>
    public const string WorkloadsWithoutOwnGroup = "aws.workloads_without_own_security_group";

    /// <summary>The facts for the zone's instances and the security groups by id.</summary>
    public static List<PostureFact> Facts(bool? encryptionByDefault, IReadOnlyList<Instance> instances, IReadOnlyDictionary<string, SecurityGroup> groups, int workloadsWithoutOwnGroup)
    {
        var attached = instances.SelectMany(i => i.SecurityGroups ?? []).Select(g => g.GroupId).Where(id => id is not null).Distinct(StringComparer.Ordinal)
            .Select(id => groups.GetValueOrDefault(id)).OfType<SecurityGroup>().OrderBy(g => g.GroupId, StringComparer.Ordinal).ToList();
        var ranges = new SortedSet<(int From, int To)>();
        var ssh = new List<string>();
        var rdp = new List<string>();
        foreach (var group in attached)
        {
            foreach (var p in group.IpPermissions ?? [])
            {
                bool world = (p.Ipv4Ranges ?? []).Any(r => AwsAccessPolicies.IsWorld(r.CidrIp)) || (p.Ipv6Ranges ?? []).Any(r => AwsAccessPolicies.IsWorld(r.CidrIpv6));
                bool tcp = p.IpProtocol is "tcp" or "6" or "-1";
                if (!world || !tcp)
                {
                    continue;
                }

                int from = p.IpProtocol == "-1" || (p.FromPort ?? -1) < 0 ? 0 : p.FromPort!.Value;
                int to = p.IpProtocol == "-1" || (p.ToPort ?? -1) < 0 ? 65535 : p.ToPort!.Value;
                ranges.Add((from, to));
                if (from <= 22 && 22 <= to && !ssh.Contains(group.GroupId))
                {
                    ssh.Add(group.GroupId);
                }

                if (from <= 3389 && 3389 <= to && !rdp.Contains(group.GroupId))
                {
                    rdp.Add(group.GroupId);
                }
            }
        }

        int imdsV1 = instances.Count(i => !string.Equals(i.MetadataOptions?.HttpTokens?.Value, "required", StringComparison.Ordinal));
        var facts = new List<PostureFact>();
        if (encryptionByDefault is { } encrypted)
        {
            facts.Add(new PostureFact { Key = EncryptionAtRest, Value = encrypted ? "enabled" : "disabled" });
            facts.Add(new PostureFact { Key = EbsEncryptionByDefault, Value = encrypted ? "true" : "false" });
        }

        facts.Add(new PostureFact { Key = WorldOpenPorts, Value = Bounded(ranges.Count == 0 ? "none" : string.Join(",", ranges.Select(Port))) });
        facts.Add(new PostureFact { Key = WorldOpenSsh, Value = Bounded(ssh.Count == 0 ? "none" : string.Join(",", ssh)) });
        facts.Add(new PostureFact { Key = WorldOpenRdp, Value = Bounded(rdp.Count == 0 ? "none" : string.Join(",", rdp)) });
        facts.Add(new PostureFact { Key = ImdsV2Required, Value = imdsV1 == 0 ? "true" : "false" });
        facts.Add(new PostureFact { Key = ImdsV1Instances, Value = imdsV1.ToString(CultureInfo.InvariantCulture) });
        facts.Add(new PostureFact { Key = WorkloadsWithoutOwnGroup, Value = workloadsWithoutOwnGroup.ToString(CultureInfo.InvariantCulture) });
        return facts;
    }

    private static string Port((int From, int To) r) =>
        r is (0, 65535) ? "all" : r.From == r.To ? r.From.ToString(CultureInfo.InvariantCulture) : $"{r.From}-{r.To}";

    /// <summary>At most 1,024 characters (the wire's bound), cut at a comma with "…".</summary>
    private static string Bounded(string value)
    {
        const int Max = 1024;
        if (value.Length <= Max)
        {
            return value;
        }

        int cut = value.LastIndexOf(',', Max - 2);
        return value[..(cut > 0 ? cut : Max - 1)] + "…";
    }
}
