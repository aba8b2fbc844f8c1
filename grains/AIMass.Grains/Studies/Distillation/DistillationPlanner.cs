using System.Globalization;
using AIMass.Grains.Datasets;
using AIMass.Grains.Studies.Leaderboards;
using H = AIMass.Training.Hyperparameters;

namespace AIMass.Grains.Studies.Distillation;

/// <summary>
/// Decides which scenarios need distilled students after the search, and the student search space for each:
/// a small MLP sized so that its parameter count stays within the scenario's limit and at most a tenth of the
/// teacher's (small models from big ones), plus the distillation temperature and loss weights.
/// </summary>
public static class DistillationPlanner
{
    /// <summary>A constrained scenario's best model counts as weak when it is this far below the teacher.</summary>
    public const double WeakMargin = 0.005;

    /// <summary>A student at most this share of the teacher's parameters.</summary>
    public const double Compression = 0.1;

    /// <summary>Scenarios to distil for, with the teacher (the best unconstrained model).</summary>
    public static IReadOnlyList<ScenarioSpec> ScenariosNeedingStudents(IReadOnlyList<ScenarioSpec> scenarios, string metric, IReadOnlyCollection<TrialSummary> trials, out TrialSummary? teacher)
    {
        teacher = LeaderboardBuilder.Build(ScenarioSpec.Accurate, metric, trials, limit: 1).Best is { } best
            ? trials.First(t => t.Number == best.TrialNumber)
            : null;
        if (teacher is null) return [];
        var needing = new List<ScenarioSpec>();
        foreach (var scenario in scenarios.Where(s => s.IsConstrained))
        {
            if (scenario.Admits(teacher.ParameterCount!.Value, teacher.LatencyMs!.Value, teacher.ArtifactBytes!.Value)) continue;
            var bestAdmitted = LeaderboardBuilder.Build(scenario, metric, trials, limit: 1).Best;
            if (bestAdmitted is null || bestAdmitted.ValidationScore < teacher.Value!.Value - WeakMargin) needing.Add(scenario);
        }
        return needing;
    }

    /// <summary>Largest parameter count a student for <paramref name="scenario"/> may have.</summary>
    public static long ParameterBudget(ScenarioSpec scenario, long teacherParameters)
    {
        var share = (long)(teacherParameters * Compression);
        return Math.Max(200, scenario.MaxParameters is { } max ? Math.Min(max, share) : share);
    }

    /// <summary>Encoded input width of a data set as the preprocessing will see it (numeric and boolean columns, one-hot categories, pixels).</summary>
    public static int InputWidth(IEnumerable<ColumnInfo> schema, string target)
    {
        var width = 0;
        foreach (var column in schema.Where(c => c.Name != target && c.DropReason is null))
        {
            width += column.Kind switch
            {
                "categorical" => Math.Min(column.Distinct + 1, 33),
                "date" => 4,
                "text" => 16,
                _ => 1 + (column.Missing > 0 ? 1 : 0),
            };
        }
        return Math.Max(1, width);
    }

    /// <summary>
    /// The student search space: one hidden layer whose width (the student's size) keeps the MLP within
    /// <paramref name="budget"/> parameters, the distillation temperature and the loss weights.
    /// </summary>
    public static SearchSpace StudentSpace(long budget, int inputs, int outputs, int epochs)
    {
        // One hidden layer of width w: inputs*w + w + w*outputs + outputs parameters; keep 10% headroom for the estimate.
        var maxWidth = (int)Math.Clamp((budget * 0.9 - outputs) / (inputs + 1 + outputs), 2, 1024);
        return new SearchSpace
        {
            Parameters =
            [
                ParameterSpec.Int(H.Width, Math.Min(4, maxWidth), maxWidth, log: true),
                ParameterSpec.Float(H.Temperature, 2, 8),
                ParameterSpec.Float(H.KdWeight, 0.5, 0.95),
                ParameterSpec.Float(H.FeatureWeight, 0.0, 0.5),
                ParameterSpec.Float(H.LearningRate, 1e-3, 2e-2, log: true),
            ],
            Fixed = new Dictionary<string, string>
            {
                [H.Family] = "mlp",
                [H.Layers] = "1",
                [H.Dropout] = "0",
                [H.Epochs] = epochs.ToString(CultureInfo.InvariantCulture),
                [H.Patience] = "15",
                [H.Optimizer] = "adamw",
                [H.Schedule] = "cosine",
            },
        };
    }

    /// <summary>The control of a distilled student: the same architecture and training, no teacher.</summary>
    public static Dictionary<string, string> ControlParameters(IReadOnlyDictionary<string, string> student) =>
        student.Where(kv => !H.DistillationKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
}
