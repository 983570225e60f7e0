using CloudGov.ControlPlane.Hosting;

var app = ControlPlaneApp.Build(args);
await app.RunAsync();
