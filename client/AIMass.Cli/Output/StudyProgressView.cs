using System.Globalization;
using AIMass.Client;
using AIMass.Grains.Studies;
using Spectre.Console;

namespace AIMass.Cli.Output;

/// <summary>
/// Waits for a study while showing its progress: a live Spectre progress bar on a terminal (trials done, best
/// so far, time left), a plain line per change when output is redirected, nothing with <c>--json</c>.
/// </summary>
public static class StudyProgressView
{
    private const double Scale = 1000;

    /// <param name="timeLeft">Seconds left of the caller's own budget (null: use the study's time budget).</param>
    public static async Task<StudyInfo> WaitAsync(CommandContext context, IAIMassClient client, string studyId, Func<double?>? timeLeft, CancellationToken ct)
    {
        if (context.Json) return await client.WaitForCompletionAsync(studyId, null, ct).ConfigureAwait(false);
        if (!context.Environment.Interactive)
        {
            var last = "";
            var lines = new InlineProgress<StudyProgress>(p =>
            {
                var line = Describe(p.Study, timeLeft?.Invoke(), withTime: false);
                if (line == last) return;
                last = line;
                context.Environment.Output.WriteLine($"[{context.Environment.Clock.Elapsed.TotalSeconds,6:0.0} s] {Describe(p.Study, timeLeft?.Invoke(), withTime: true)}");
            });
            return await client.WaitForCompletionAsync(studyId, lines, ct).ConfigureAwait(false);
        }

        StudyInfo? result = null;
        await context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async live =>
            {
                var task = live.AddTask(Markup.Escape($"study {studyId}: starting"), maxValue: Scale);
                var reporter = new InlineProgress<StudyProgress>(p =>
                {
                    task.Value = Math.Clamp(Fraction(p.Study, timeLeft?.Invoke()) * Scale, 0, Scale);
                    task.Description = Markup.Escape(Describe(p.Study, timeLeft?.Invoke(), withTime: true));
                });
                result = await client.WaitForCompletionAsync(studyId, reporter, ct).ConfigureAwait(false);
                task.Value = Scale;
                task.Description = Markup.Escape(Describe(result, 0, withTime: false));
            }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>One line: status, trials done, best so far, time left.</summary>
    public static string Describe(StudyInfo s, double? timeLeft, bool withTime)
    {
        var trials = $"{s.TrialsFinished} trial{(s.TrialsFinished == 1 ? "" : "s")} done, {s.TrialsRunning} running";
        var best = s.BestValue is { } b ? $"best {s.Metric} {b.ToString("0.0000", CultureInfo.InvariantCulture)} (trial {s.BestTrial})" : "no model yet";
        if (s.IsFinished) return $"{s.Status}: {trials}, {best}";
        var left = timeLeft ?? (s.Spec.Budget.MaxSeconds is { } max ? max - s.ElapsedSeconds : null);
        var time = withTime && left is { } l ? $", {Math.Max(0, l).ToString("0", CultureInfo.InvariantCulture)} s left" : "";
        var activity = s.Activity is { Length: > 0 } a ? $" ({a})" : "";
        return $"{Phase(s.Phase)}: {trials}, {best}{time}{activity}";
    }

    private static string Phase(string phase) => phase switch
    {
        "ensemble" => "ensemble",
        "distill" => "distilling",
        _ => "search",
    };

    /// <summary>How far the study is: by time when it has a time budget, else by trials.</summary>
    public static double Fraction(StudyInfo s, double? timeLeft)
    {
        if (s.IsFinished) return 1;
        var budget = s.Spec.Budget;
        if (budget.MaxSeconds is { } max && max > 0)
        {
            var left = timeLeft ?? max - s.ElapsedSeconds;
            var total = Math.Max(max, s.ElapsedSeconds + Math.Max(0, left));
            return total <= 0 ? 0 : 1 - Math.Max(0, left) / total;
        }
        return budget.MaxTrials is { } trials && trials > 0 ? (double)s.TrialsFinished / trials : 0;
    }
}
