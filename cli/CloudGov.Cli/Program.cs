using System.Text;
using CloudGov.Cli;

// Ctrl+C cancels the running call (System.CommandLine passes the cancellation to the command).
Console.OutputEncoding = Encoding.UTF8;
return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
