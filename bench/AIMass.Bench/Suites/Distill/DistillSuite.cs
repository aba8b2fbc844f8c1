using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;
using AIMass.Training;
using AIMass.Training.Data;
using AIMass.Training.Distillation;

namespace AIMass.Bench.Suites.Distill;

/// <summary>
/// <c>distill</c>: on digits (1x8x8), per seed: a large teacher (CNN, 64/128 channels, 512-wide dense layer, shift
/// augmentation), a student of at most a tenth of its parameters (one 400-unit hidden layer MLP, no dropout) trained
/// alone, and the same student distilled from the teacher's soft labels (T = 12, 0.1 hard CE + 0.9 soft KL, no feature
/// term; the teacher averaged over its 9 one-pixel shifted views, the Distiller's default for a teacher trained with
/// shifts). Options: <c>--temperature --ce-weight --kd-weight --feature-weight --student-augment --distill-augment</c>,
/// any other hyperparameter of the distilled run through <c>--distill-hp "key=value,..."</c> (e.g. <c>teacher_views=0</c>)
/// and of both student runs through <c>--student-hp</c>; <c>--seeds N --first-seed S</c> run seeds S..S+N-1;
/// <c>--cache DIR</c> keeps teachers and alone results between screening runs. Both student runs share architecture,
/// data, 200 epochs and the best-validation-epoch rule. The set-up follows Hinton et al. (2015)'s MNIST experiment: a
/// regularised, augmented teacher and an unregularised student that sees no augmentation. Reports the test accuracy of
/// each and the fraction of the student-teacher gap recovered, <c>(distilled - alone) / (teacher - alone)</c>:
/// <c>gap_recovered</c> is the mean over seeds of that fraction clipped to [0, 1] (a distilled student better than its
/// teacher counts as 1), with the unclipped mean and the ratio of the mean accuracies beside it. Half of the rows are
/// test rows (900), so that one row is 0.1 points: a gap of one or two points is otherwise noise, and per-seed gaps
/// move by 0.3 between settings that differ in nothing that matters; compare settings on 10 seeds. Goal: at least 0.8
/// (Hinton et al. recovered about 0.91 on MNIST). Measured on seeds 0-9 (gap / distilled accuracy; alone 0.9656,
/// teacher 0.9815): one view with feature term 1.0 (the former default) 0.761 / 0.9776, without it 0.590 / 0.9752;
/// 9 views with it 0.758 / 0.9785, with 0.3 0.820 / 0.9797, without it 0.887 / 0.9811 (T 4, 8, 16, 20: 0.781, 0.811,
/// 0.840, 0.818); 25 views (two-pixel shifts the teacher never saw) 0.159; lr 0.001 instead of 0.003 0.407. On seeds
/// 10-14, never used for choosing: the new default 0.801 / 0.9785 against the former 0.680 / 0.9760 (alone 0.9620).
/// </summary>
public sealed class DistillSuite : IBenchSuite
{
    private static readonly ImageShape Shape = new(1, 8, 8);

    public string Name => "distill";
    public string Description => "digits: large CNN teacher, 1/10-size MLP student alone vs distilled; gap recovered (5 seeds)";

    public Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var seeds = context.IntOption("seeds", 5);
        var firstSeed = context.IntOption("first-seed", 0);
        var cache = new DistillCache(context.Option("cache", ""));
        var data = CsvTable.Load(context.Sample("digits.csv"));
        var teacherHp = new Dictionary<string, object?>
        {
            [Hyperparameters.Family] = "cnn", [Hyperparameters.Channels] = 64, [Hyperparameters.Width] = 512,
            [Hyperparameters.Epochs] = 60, [Hyperparameters.Augment] = true,
        };
        var studentHp = new Dictionary<string, object?>
        {
            [Hyperparameters.Family] = "mlp", [Hyperparameters.Layers] = 1, [Hyperparameters.Width] = 400,
            [Hyperparameters.Dropout] = 0.0, [Hyperparameters.Epochs] = 200, [Hyperparameters.Patience] = 0,
        };
        double D(string name, double fallback) => double.Parse(context.Option(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
        if (context.Flag("student-augment")) studentHp[Hyperparameters.Augment] = true;
        foreach (var (key, value) in ParseSettings(context.Option("student-hp", ""))) studentHp[key] = value;
        var distillHp = new Dictionary<string, object?>(studentHp)
        {
            [Hyperparameters.Temperature] = D("temperature", 12.0), [Hyperparameters.CeWeight] = D("ce-weight", 0.1), [Hyperparameters.KdWeight] = D("kd-weight", 0.9),
            [Hyperparameters.FeatureWeight] = D("feature-weight", 0.0),
        };
        if (context.Flag("distill-augment")) distillHp[Hyperparameters.Augment] = true;
        foreach (var (key, value) in ParseSettings(context.Option("distill-hp", ""))) distillHp[key] = value;
        var runs = new JsonArray();
        var gaps = new List<double>();
        double sumTeacher = 0, sumAlone = 0, sumDistilled = 0;
        long teacherParams = 0, studentParams = 0;
        IReadOnlyDictionary<string, object>? resolved = null;
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            ct.ThrowIfCancellationRequested();
            TrainingRequest Request(Dictionary<string, object?> hp) => new()
            {
                Data = data, Target = "digit", Image = Shape, Seed = seed, SplitSeed = seed, Device = "cpu", Threads = 1,
                ValidationFraction = 0.2, TestFraction = 0.5, Hyperparameters = hp,
            };
            var teacherArtifact = cache.Teacher(seed, teacherHp, () => TrainingPipeline.Run(Request(teacherHp), ct: ct).Artifact);
            var teacher = teacherArtifact.Metadata;
            var alone = cache.Alone(seed, studentHp, () => TrainingPipeline.Run(Request(studentHp), ct: ct));
            var distilled = Distiller.Run(new DistillationRequest
            {
                Data = data, Target = "digit", Teacher = teacherArtifact, Seed = seed, Device = "cpu", Threads = 1,
                Hyperparameters = distillHp,
            }, ct: ct);
            resolved = distilled.Artifact.Metadata.Hyperparameters;
            var t = teacher.TestMetrics["accuracy"];
            var a = alone.TestAccuracy;
            var d = distilled.TestMetrics["accuracy"];
            var gap = t > a ? (d - a) / (t - a) : double.NaN;
            if (!double.IsNaN(gap)) gaps.Add(gap);
            sumTeacher += t;
            sumAlone += a;
            sumDistilled += d;
            teacherParams = teacher.ParameterCount;
            studentParams = alone.ParameterCount;
            context.Log.WriteLine($"seed {seed}: teacher {t:F4} ({teacher.ParameterCount:N0} parameters), alone {a:F4}, distilled {d:F4} ({distilled.Seconds:F1} s): gap recovered {gap:F2}");
            runs.Add(new JsonObject
            {
                ["seed"] = seed,
                ["teacher_accuracy"] = Math.Round(t, 4),
                ["student_alone_accuracy"] = Math.Round(a, 4),
                ["student_distilled_accuracy"] = Math.Round(d, 4),
                ["gap_recovered"] = double.IsNaN(gap) ? null : Math.Round(gap, 3),
                ["validation_accuracy"] = new JsonObject
                {
                    ["teacher"] = Math.Round(teacher.ValidationScore, 4), ["alone"] = Math.Round(alone.ValidationScore, 4), ["distilled"] = Math.Round(distilled.ValidationScore, 4),
                },
                ["best_epoch"] = new JsonObject { ["alone"] = alone.BestEpoch, ["distilled"] = distilled.BestEpoch },
            });
        }
        var meanGap = gaps.Count > 0 ? gaps.Average(g => Math.Clamp(g, 0, 1)) : double.NaN;
        var meanUnclipped = gaps.Count > 0 ? gaps.Average() : double.NaN;
        var ofMeans = (sumDistilled - sumAlone) / (sumTeacher - sumAlone);
        return Task.FromResult(new JsonObject
        {
            ["data"] = "digits 1x8x8, 30% train / 20% validation / 50% test",
            ["teacher"] = $"cnn channels 64, width 512, augment; {teacherParams} parameters",
            ["student"] = $"mlp 1x400, no dropout; {studentParams} parameters ({studentParams / (double)teacherParams:P1} of the teacher)",
            ["student_hp"] = string.Join(", ", studentHp.Select(kv => $"{kv.Key} {kv.Value}")),
            ["distillation"] = string.Join(", ", Hyperparameters.DistillationKeys
                .Select(k => $"{k} {(resolved is not null && resolved.TryGetValue(k, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : "?")}")
                .Concat(distillHp.Where(kv => !Hyperparameters.DistillationKeys.Contains(kv.Key) && (!studentHp.TryGetValue(kv.Key, out var v) || !Equals(v, kv.Value))).Select(kv => $"{kv.Key} {kv.Value}"))),
            ["seeds"] = seeds,
            ["first_seed"] = firstSeed,
            ["teacher_accuracy"] = Math.Round(sumTeacher / seeds, 4),
            ["student_alone_accuracy"] = Math.Round(sumAlone / seeds, 4),
            ["student_distilled_accuracy"] = Math.Round(sumDistilled / seeds, 4),
            ["gap_recovered"] = double.IsNaN(meanGap) ? null : Math.Round(meanGap, 3),
            ["gap_recovered_unclipped"] = double.IsNaN(meanUnclipped) ? null : Math.Round(meanUnclipped, 3),
            ["gap_recovered_of_means"] = Math.Round(ofMeans, 3),
            ["seeds_without_gap"] = seeds - gaps.Count,
            ["goal_met"] = meanGap >= 0.8,
            ["runs"] = runs,
        });
    }

    /// <summary>Hyperparameters from <c>"key=value,key=value"</c> (integers, numbers, true/false or text).</summary>
    private static IEnumerable<(string Key, object? Value)> ParseSettings(string text)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"Expected key=value pairs, not '{part}'.");
            var raw = part[(eq + 1)..].Trim();
            object? value = int.TryParse(raw, System.Globalization.NumberStyles.Integer, invariant, out var i) ? i
                : double.TryParse(raw, System.Globalization.NumberStyles.Float, invariant, out var number) ? number
                : bool.TryParse(raw, out var flag) ? flag : raw;
            yield return (part[..eq].Trim(), value);
        }
    }
}
