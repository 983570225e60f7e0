using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Tenant.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov tenants tree</c>: the tenant hierarchy (ListTenants) drawn as a tree.</summary>
internal static class TenantsCommands
{
    public static Command Create(CliApp app)
    {
        var tenants = CliApp.Verb("tenants", "Departments (委办局) and their hierarchy: province → city → county → department.", "cloudgov tenants tree");
        var root = new Argument<string?>("tenant-id") { Description = "The subtree's root (default: your tenant; every tenant for an operator or auditor)", Arity = ArgumentArity.ZeroOrOne };
        var tree = CliApp.Verb("tree", "Draws the tenant hierarchy with each tenant's allocation (ListTenants).", "cloudgov tenants tree", "cloudgov tenants tree gx-nanning");
        tree.Arguments.Add(root);
        app.Handle(tree, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Quota.ListTenantsAsync(new ListTenantsRequest { TenantId = context.Get(root) ?? "" }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var byId = response.Tenants.ToDictionary(t => t.TenantId, StringComparer.Ordinal);
                var top = new Tree($"{response.Tenants.Count} tenant(s)");
                foreach (var tenant in response.Tenants.Where(t => t.ParentId.Length == 0 || !byId.ContainsKey(t.ParentId)))
                {
                    Add(top.AddNode(Label(tenant)), tenant, byId);
                }

                console.Write(top);
            });
            return ExitCodes.Success;
        });
        tenants.Subcommands.Add(tree);
        return tenants;
    }

    private static void Add(TreeNode node, Tenant tenant, Dictionary<string, Tenant> byId)
    {
        foreach (var childId in tenant.Children)
        {
            if (byId.TryGetValue(childId, out var child))
            {
                Add(node.AddNode(Label(child)), child, byId);
            }
        }
    }

    private static Text Label(Tenant tenant) => new($"{tenant.DisplayName} ({tenant.TenantId}) — {Show.Resources(tenant.Allocated)}");
}
