namespace AIMass.Cli;

/// <summary>A failure the CLI reports as one message on standard error with a given exit code.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Input(string message, Exception? inner = null) => new(ExitCodes.Input, message, inner);

    public static CliException Server(string message, Exception? inner = null) => new(ExitCodes.Server, message, inner);
}
