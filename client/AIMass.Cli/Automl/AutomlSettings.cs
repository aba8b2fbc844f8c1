using AIMass.Grains.Datasets;
using AIMass.Grains.Studies;

namespace AIMass.Cli.Automl;

/// <summary>What <c>aimass automl</c> was asked to do.</summary>
public sealed record AutomlSettings
{
    public required string Train { get; init; }
    public required string Target { get; init; }
    public string? Test { get; init; }
    public string? Predictions { get; init; }
    public double TimeBudgetSeconds { get; init; } = 300;
    public string Scenario { get; init; } = ScenarioSpec.Accurate.Name;
    public int Seed { get; init; } = 42;
    public int? MaxTrials { get; init; }
    public int? Parallelism { get; init; }
    public int? MaxEpochs { get; init; }
    public ImageShape? Image { get; init; }
    public string Device { get; init; } = "any";
    public string Pruner { get; init; } = "median";

    /// <summary><c>auto</c>, <c>cv</c> or <c>holdout</c> (see <see cref="StudySpec.Validation"/>).</summary>
    public string Validation { get; init; } = "auto";

    /// <summary>Build an ensemble of the best trials after the search (cross-validated studies).</summary>
    public bool Ensemble { get; init; } = true;

    /// <summary>Throws a usage error naming the first contradictory or out-of-range option.</summary>
    public void Validate()
    {
        if (!(TimeBudgetSeconds > 0) || !double.IsFinite(TimeBudgetSeconds)) throw CliException.Usage($"--time-budget must be a positive number of seconds, not {TimeBudgetSeconds}.");
        if (Predictions is not null && Test is null) throw CliException.Usage("--predictions needs --test FILE: the rows to predict.");
        if (ScenarioSpec.Defaults.All(s => s.Name != Scenario))
        {
            throw CliException.Usage($"--scenario '{Scenario}' is unknown: use one of {string.Join(", ", ScenarioSpec.Defaults.Select(s => s.Name))}.");
        }
        if (MaxTrials is < 1 or > 100_000) throw CliException.Usage("--max-trials must be between 1 and 100000.");
        if (Parallelism is < 1 or > 256) throw CliException.Usage("--parallelism must be between 1 and 256.");
        if (MaxEpochs is < 1) throw CliException.Usage("--max-epochs must be at least 1.");
        if (Device is not ("any" or "cpu" or "gpu")) throw CliException.Usage($"--device '{Device}' is unknown: use any, cpu or gpu.");
        if (Validation is not ("auto" or "cv" or "holdout")) throw CliException.Usage($"--validation '{Validation}' is unknown: use auto, cv or holdout.");
        if (Predictions is not null && Path.GetFullPath(Predictions) is var output
            && (output == Path.GetFullPath(Train) || output == Path.GetFullPath(Test!)))
        {
            throw CliException.Usage("--predictions would overwrite an input file: choose another path.");
        }
    }

    /// <summary>Parses <c>CxHxW</c> (for example <c>1x8x8</c>).</summary>
    public static ImageShape ParseImage(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 3 && parts.All(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0))
        {
            var n = parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new ImageShape(n[0], n[1], n[2]);
        }
        throw CliException.Usage($"--image '{text}' is not of the form CxHxW (for example 1x8x8).");
    }
}
