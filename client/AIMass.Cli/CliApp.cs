using System.CommandLine;
using AIMass.Cli.Commands;
using AIMass.Client.Errors;
using AIMass.Grains;

namespace AIMass.Cli;

/// <summary>
/// The <c>aimass</c> command tree and its error handling: every failure becomes one message on standard error
/// and an exit code (<see cref="ExitCodes"/>: 1 usage, 2 input, 3 server).
/// </summary>
public sealed class CliApp
{
    private readonly CliEnvironment _environment;

    public CliApp(CliEnvironment environment)
    {
        _environment = environment;
        Globals = new GlobalOptions();
        Root = new RootCommand("aimass: AutoML on your data, on this machine or on an AIMass service.");
        foreach (var option in Globals.All) Root.Options.Add(option);
        Root.Subcommands.Add(AutomlCommand.Build(this));
        Root.Subcommands.Add(DatasetsCommand.Build(this));
        Root.Subcommands.Add(StudiesCommand.Build(this));
        Root.Subcommands.Add(LeaderboardCommand.Build(this));
        Root.Subcommands.Add(ModelsCommand.Build(this));
        Root.Subcommands.Add(PredictCommand.Build(this));
        Root.Subcommands.Add(AdminCommand.Build(this));
    }

    public RootCommand Root { get; }

    public GlobalOptions Globals { get; }

    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var parse = Root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = _environment.Output,
            Error = _environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, ct);
        }
    }

    /// <summary>Sets a command's action: runs <paramref name="handler"/> and maps its failures to exit codes.</summary>
    public void Handle(Command command, Func<CommandContext, Task<int>> handler) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await handler(new CommandContext(parse, _environment, Globals, ct)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Report(e, ct);
            }
        });

    private int Report(Exception e, CancellationToken ct)
    {
        var (code, message) = Classify(e, ct);
        _environment.Error.WriteLine($"aimass: {message}");
        return code;
    }

    /// <summary>The exit code and message for a failure.</summary>
    public static (int Code, string Message) Classify(Exception e, CancellationToken ct = default) => e switch
    {
        CliException c => (c.ExitCode, c.Message),
        ServiceException s when s.Kind == ServiceErrorKind.QuotaExceeded => (ExitCodes.Server, Describe(s)),
        ServiceException s => (ExitCodes.Input, Describe(s)),
        AIMassServerException s => (ExitCodes.Server, s.Message),
        HttpRequestException h => (ExitCodes.Server, $"the service cannot be reached: {h.Message}"),
        TimeoutException t => (ExitCodes.Server, t.Message),
        OperationCanceledException when ct.IsCancellationRequested => (ExitCodes.Server, "interrupted."),
        FileNotFoundException f => (ExitCodes.Input, f.Message),
        DirectoryNotFoundException d => (ExitCodes.Input, d.Message),
        UnauthorizedAccessException u => (ExitCodes.Input, u.Message),
        IOException io => (ExitCodes.Input, io.Message),
        _ => (ExitCodes.Server, $"unexpected failure: {e.GetType().Name}: {e.Message}"),
    };

    private static string Describe(ServiceException s)
    {
        var errors = s.Errors.Length == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, s.Errors.Take(20).Select(x => "  - " + x));
        return $"{s.Message} ({s.Kind}){errors}";
    }
}
