using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>The provider's per-workload security groups: created and kept equal to the access policy, deleted once free.</summary>
public sealed partial class AwsZoneProvider
{
    /// <summary>Creates the workload's security group if missing and makes its ingress exactly the spec's policy.</summary>
    private async Task<string> EnsureGroupAsync(WorkloadSpec spec, string vpc, CancellationToken ct)
    {
        string name = GroupName(spec.WorkloadId);
        var group = (await GroupsAsync(vpc, ct, [new Filter("group-name", [name])])).FirstOrDefault();
        if (group is null)
        {
            var created = await Call("CreateSecurityGroup", () => _ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = "CloudGov workload access policy",
                VpcId = vpc,
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [new Tag(AwsTags.WorkloadId, spec.WorkloadId), new Tag(AwsTags.Name, name)] }],
            }, ct));
            group = new SecurityGroup { GroupId = created.GroupId, GroupName = name, IpPermissions = [] };
        }

        // Each existing permission, one source at a time: kept when everything it admits is wanted, revoked as it
        // stands otherwise (so the revoke matches EC2's own form of it); then what is wanted and missing is authorized.
        var want = AwsAccessPolicies.Rules(spec.AccessPolicy);
        var have = new SortedSet<AwsAccessPolicies.Rule>();
        var revoke = new List<IpPermission>();
        foreach (var p in AwsAccessPolicies.PerSource(group.IpPermissions))
        {
            if (AwsAccessPolicies.Read([p]) is { } rules && rules.All(want.Contains))
            {
                have.UnionWith(rules);
            }
            else
            {
                revoke.Add(p);
            }
        }

        if (revoke.Count > 0)
        {
            await Call("RevokeSecurityGroupIngress", () => _ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = group.GroupId, IpPermissions = revoke }, ct));
        }

        var authorize = want.Except(have).Select(AwsAccessPolicies.ToPermission).ToList();
        if (authorize.Count > 0)
        {
            await Call("AuthorizeSecurityGroupIngress", () => _ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = group.GroupId, IpPermissions = authorize }, ct));
        }

        return group.GroupId;
    }

    /// <summary>Deletes CloudGov's per-workload groups whose workload has no instance left (a group still held is left for the next sweep).</summary>
    private async Task SweepGroupsAsync(List<SecurityGroup> groups, HashSet<string> live, CancellationToken ct)
    {
        foreach (var group in groups)
        {
            string? workload = AwsTags.Get(group.Tags, AwsTags.WorkloadId);
            if (workload is null || live.Contains(workload) || group.GroupName != GroupName(workload))
            {
                continue;
            }

            var users = await InstancesAsync([new Filter("instance.group-id", [group.GroupId])], ct);
            if (users.Count > 0)
            {
                continue;
            }

            try
            {
                await _ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId }, ct);
                AwsProviderLog.GroupDeleted(_logger, _zoneId, group.GroupId, workload);
            }
            catch (AmazonEC2Exception ex) when (ex.ErrorCode is "DependencyViolation" or "InvalidGroup.NotFound")
            {
                // Still held by an instance that is shutting down, or already gone: the next sweep sees it again.
            }
        }
    }

    private async Task<List<SecurityGroup>> GroupsAsync(string vpc, CancellationToken ct, List<Filter>? filters = null)
    {
        filters ??= [];
        filters.Add(new Filter("vpc-id", [vpc]));
        var groups = new List<SecurityGroup>();
        string? next = null;
        do
        {
            var page = await Call("DescribeSecurityGroups", () => _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters, NextToken = next, MaxResults = 1000 }, ct));
            groups.AddRange(page.SecurityGroups ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        return groups;
    }
}
