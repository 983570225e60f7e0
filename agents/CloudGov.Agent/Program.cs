using CloudGov.Agent;

var builder = Host.CreateApplicationBuilder(args);
builder.AddZoneAgent();
await builder.Build().RunAsync();
