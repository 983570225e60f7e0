using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Persistence;

if (SchemaCommand.IsSchemaCommand(args))
{
    return await SchemaCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    var app = ControlPlaneApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (SettingsFailures.From(ex) is { Count: > 0 } failures)
{
    await Console.Error.WriteLineAsync(SettingsFailures.Describe(failures));
    return 2;
}
