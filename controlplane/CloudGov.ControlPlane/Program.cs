using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Persistence;

if (SchemaCommand.IsSchemaCommand(args))
{
    return await SchemaCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

if (CertsCommand.IsCertsCommand(args))
{
    return CertsCommand.Run(args, Console.Out, Console.Error);
}

try
{
    var app = ControlPlaneApp.Build(args);

    // Every area's options checked before the host starts, so bad settings print as a list, not as a failed start.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (SettingsFailures.From(ex) is { Count: > 0 } failures)
{
    await Console.Error.WriteLineAsync(SettingsFailures.Describe(failures));
    return 2;
}
