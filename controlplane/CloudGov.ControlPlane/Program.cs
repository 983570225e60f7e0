using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.ControlPlane.Hosting;
using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Security;

if (SchemaCommand.IsSchemaCommand(args))
{
    return await SchemaCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

if (AuditCommand.IsAuditCommand(args))
{
    return await AuditCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

if (TokenCommand.IsTokenCommand(args))
{
    return await TokenCommand.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
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
