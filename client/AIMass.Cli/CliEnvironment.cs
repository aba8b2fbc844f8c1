using System.Diagnostics;
using AIMass.Cli.Connection;
using Spectre.Console;

namespace AIMass.Cli;

/// <summary>
/// What the CLI runs against: its output streams, whether a person watches (live progress), how it connects,
/// and the clock started when the process began (budgets count from there).
/// </summary>
public sealed class CliEnvironment
{
    public CliEnvironment(TextWriter output, TextWriter error, bool interactive, IClientConnector connector, Stopwatch? clock = null,
        Func<string, string?>? variables = null)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Connector = connector;
        Clock = clock ?? Stopwatch.StartNew();
        Variables = variables ?? Environment.GetEnvironmentVariable;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive) Console.Profile.Width = 160; // redirected: wide enough for the leaderboard's columns

    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Standard output is a terminal: draw live progress and colours.</summary>
    public bool Interactive { get; }

    public IClientConnector Connector { get; }

    /// <summary>Runs since the process started.</summary>
    public Stopwatch Clock { get; }

    /// <summary>Environment variables (<c>AIMASS_SERVER</c>, <c>AIMASS_API_KEY</c>).</summary>
    public Func<string, string?> Variables { get; }

    /// <summary>Spectre console over <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The real process: the terminal's streams and the real connector.</summary>
    public static CliEnvironment ForProcess(Stopwatch clock) => new(
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected,
        new ClientConnector(),
        clock);
}
