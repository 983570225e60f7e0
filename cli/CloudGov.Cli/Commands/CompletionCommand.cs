using System.CommandLine;

namespace CloudGov.Cli.Commands;

/// <summary>
/// <c>cloudgov completion bash|zsh|pwsh</c>: prints a script that completes commands, options and option values by asking
/// <c>cloudgov</c> itself through System.CommandLine's <c>[suggest:position]</c> directive.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # cloudgov bash completion: source <(cloudgov completion bash)
        _cloudgov_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(cloudgov "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _cloudgov_complete cloudgov
        """;

    private const string Zsh = """
        # cloudgov zsh completion: source <(cloudgov completion zsh)
        _cloudgov_complete() {
          local -a completions
          completions=("${(@f)$(cloudgov "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -- $completions
        }
        compdef _cloudgov_complete cloudgov
        """;

    private const string Pwsh = """
        # cloudgov PowerShell completion: cloudgov completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName cloudgov -ScriptBlock {
          param($wordToComplete, $commandAst, $cursorPosition)
          cloudgov "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
            [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
          }
        }
        """;

    public static Command Create(CliApp app)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = CliApp.Verb("completion", "Prints the shell completion script for bash, zsh or PowerShell.",
            "source <(cloudgov completion bash)      # add to ~/.bashrc to keep it");
        command.Arguments.Add(shell);
        app.Handle(command, (context, _) =>
        {
            context.Environment.Out.WriteLine(context.Get(shell) switch
            {
                "zsh" => Zsh,
                "pwsh" => Pwsh,
                _ => Bash,
            });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
