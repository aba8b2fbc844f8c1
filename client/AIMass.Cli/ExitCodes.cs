namespace AIMass.Cli;

/// <summary>The CLI's exit codes; the message goes to standard error.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line is wrong (unknown option, missing value, contradictory options).</summary>
    public const int Usage = 1;

    /// <summary>The input is wrong: a missing or malformed file, a column that is not there, a refused request.</summary>
    public const int Input = 2;

    /// <summary>The service failed or could not be reached, or a study failed.</summary>
    public const int Server = 3;
}
