using System.Text.Json.Nodes;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>ARM JSON of resources made outside CloudGov, as the portal or a template would leave them.</summary>
internal static class ArmJson
{
    /// <summary>A Linux VM of a size, with tags, disks and an NSG on its network interface configuration (or a NIC reference).</summary>
    public static JsonObject Vm(string size, IReadOnlyDictionary<string, string> tags, bool encryptionAtHost = false, string? desId = null,
        string? nsgId = null, string? nicId = null, int osDiskGib = 64, int[]? dataDisksGib = null, string state = "Succeeded")
    {
        var managed = new JsonObject { ["storageAccountType"] = "Premium_LRS" };
        if (desId is not null)
        {
            managed["diskEncryptionSet"] = new JsonObject { ["id"] = desId };
        }

        var dataDisks = new JsonArray([.. (dataDisksGib ?? []).Select((gib, lun) => (JsonNode)new JsonObject
        {
            ["lun"] = lun,
            ["createOption"] = "Empty",
            ["diskSizeGB"] = gib,
            ["managedDisk"] = desId is null ? new JsonObject { ["storageAccountType"] = "Premium_LRS" } : new JsonObject { ["storageAccountType"] = "Premium_LRS", ["diskEncryptionSet"] = new JsonObject { ["id"] = desId } },
        })]);
        var network = new JsonObject();
        if (nsgId is not null)
        {
            network["networkApiVersion"] = "2020-11-01";
            network["networkInterfaceConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "nic-0",
                ["properties"] = new JsonObject
                {
                    ["primary"] = true,
                    ["networkSecurityGroup"] = new JsonObject { ["id"] = nsgId },
                    ["ipConfigurations"] = new JsonArray(new JsonObject { ["name"] = "ipconfig1", ["properties"] = new JsonObject { ["subnet"] = new JsonObject { ["id"] = FakeArm.Subnet } } }),
                },
            });
        }

        if (nicId is not null)
        {
            network["networkInterfaces"] = new JsonArray(new JsonObject { ["id"] = nicId, ["properties"] = new JsonObject { ["primary"] = true } });
        }

        return new JsonObject
        {
            ["location"] = FakeArm.Location,
            ["tags"] = new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]),
            ["properties"] = new JsonObject
            {
                ["vmId"] = Guid.NewGuid().ToString(),
                ["hardwareProfile"] = new JsonObject { ["vmSize"] = size },
                ["storageProfile"] = new JsonObject
                {
                    ["imageReference"] = new JsonObject { ["publisher"] = "Canonical", ["offer"] = "ubuntu-24_04-lts", ["sku"] = "server", ["version"] = "latest" },
                    ["osDisk"] = new JsonObject { ["osType"] = "Linux", ["createOption"] = "FromImage", ["diskSizeGB"] = osDiskGib, ["managedDisk"] = managed },
                    ["dataDisks"] = dataDisks,
                },
                ["securityProfile"] = new JsonObject { ["encryptionAtHost"] = encryptionAtHost },
                ["networkProfile"] = network,
                ["provisioningState"] = state,
            },
        };
    }

    /// <summary>An NSG with custom rules (name, direction, access, protocol, source, port range).</summary>
    public static JsonObject Nsg(params (string Name, string Direction, string Access, string Protocol, string Source, string Ports)[] rules) => new()
    {
        ["location"] = FakeArm.Location,
        ["properties"] = new JsonObject
        {
            ["securityRules"] = new JsonArray([.. rules.Select((r, i) => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["properties"] = new JsonObject
                {
                    ["protocol"] = r.Protocol,
                    ["sourceAddressPrefix"] = r.Source,
                    ["sourcePortRange"] = "*",
                    ["destinationAddressPrefix"] = "*",
                    ["destinationPortRange"] = r.Ports,
                    ["access"] = r.Access,
                    ["priority"] = 200 + i,
                    ["direction"] = r.Direction,
                },
            })]),
        },
    };

    /// <summary>A NIC with an NSG.</summary>
    public static JsonObject Nic(string nsgId) => new()
    {
        ["location"] = FakeArm.Location,
        ["properties"] = new JsonObject
        {
            ["networkSecurityGroup"] = new JsonObject { ["id"] = nsgId },
            ["ipConfigurations"] = new JsonArray(new JsonObject { ["name"] = "ipconfig1", ["properties"] = new JsonObject { ["subnet"] = new JsonObject { ["id"] = FakeArm.Subnet } } }),
        },
    };
}
