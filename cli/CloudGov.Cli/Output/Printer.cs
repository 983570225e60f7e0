using Google.Protobuf;
using Spectre.Console;

namespace CloudGov.Cli.Output;

/// <summary>Prints a command's answer in the chosen format: the message itself as JSON or YAML, or the command's table.</summary>
internal sealed class Printer(CliEnvironment environment, OutputFormat format)
{
    /// <summary>The chosen format.</summary>
    public OutputFormat Format { get; } = format;

    /// <summary>The process's console and environment.</summary>
    public CliEnvironment Environment { get; } = environment;

    /// <summary>Prints <paramref name="message"/>: JSON or YAML of it, or what <paramref name="table"/> draws.</summary>
    public void Print(IMessage message, Action<IAnsiConsole> table)
    {
        switch (Format)
        {
            case OutputFormat.Json:
                Environment.Out.WriteLine(ProtoJson.Format(message));
                break;
            case OutputFormat.Yaml:
                Environment.Out.Write(YamlText.FromJson(ProtoJson.Format(message)));
                break;
            default:
                table(Environment.Console);
                break;
        }
    }

    /// <summary>Prints one update of a stream of messages (<c>plans watch</c>): a JSON line, or a YAML document.</summary>
    public void PrintUpdate(IMessage message)
    {
        if (Format == OutputFormat.Json)
        {
            Environment.Out.WriteLine(ProtoJson.FormatLine(message));
        }
        else if (Format == OutputFormat.Yaml)
        {
            Environment.Out.WriteLine("---");
            Environment.Out.Write(YamlText.FromJson(ProtoJson.Format(message)));
        }
    }
}
