using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Persistence;

if (SchemaCommand.IsSchemaCommand(args))
{
    return await SchemaCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var app = ControlPlaneApp.Build(args);
await app.RunAsync();
return 0;
