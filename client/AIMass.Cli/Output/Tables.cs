using AIMass.Grains.Cluster;
using AIMass.Grains.Datasets;
using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Grains.Workers;
using Spectre.Console;

namespace AIMass.Cli.Output;

/// <summary>Human-readable tables of the service's records (the <c>--json</c> form is the records themselves).</summary>
public static class Tables
{
    /// <summary>A scenario's leaderboard, its first <paramref name="limit"/> entries.</summary>
    public static Table Leaderboard(Leaderboard board, int limit = 10)
    {
        var table = New($"{board.Scenario.Name}: {board.Scenario.Description ?? "no constraint"} (by validation {board.Metric}: out of fold when cross-validated; test: the internal test rows)",
            "rank", "trial", "family", "kind", "trained", $"validation {board.Metric}", "test score", "parameters", "latency ms", "bytes");
        foreach (var e in board.Entries.Take(limit))
        {
            Row(table, e.Rank, e.TrialNumber, e.Family ?? "-", e.Kind, e.Training, Format.Score(e.ValidationScore), Format.Score(e.TestScore),
                Format.Count(e.ParameterCount), Format.Ms(e.LatencyMs), Format.Count(e.ArtifactBytes));
        }
        if (board.Entries.Length == 0) table.Caption("no model meets this scenario yet");
        else if (board.Entries.Length > limit) table.Caption($"{board.Entries.Length - limit} more (--json lists all)");
        return table;
    }

    public static Table Studies(IEnumerable<StudyInfo> studies)
    {
        var table = New(null, "study", "name", "status", "task", "data set", "trials", "best", "elapsed");
        foreach (var s in studies.OrderBy(s => s.CreatedUtc))
        {
            Row(table, s.StudyId, s.Spec.Name, s.Status, s.Task, $"{s.Spec.DatasetId} v{s.DatasetVersion}",
                $"{s.TrialsFinished} done, {s.TrialsRunning} running, {s.TrialsQueued} queued", $"{s.Metric} {Format.Score(s.BestValue)}", Format.Seconds(s.ElapsedSeconds));
        }
        return table;
    }

    public static Table Study(StudyInfo s)
    {
        var table = New($"study {s.StudyId}", "field", "value");
        Row(table, "name", s.Spec.Name);
        Row(table, "status", s.StatusReason is null ? s.Status.ToString() : $"{s.Status} ({s.StatusReason})");
        Row(table, "phase", s.Phase);
        if (s.Activity is not null) Row(table, "activity", s.Activity);
        Row(table, "data set", $"{s.Spec.DatasetId} v{s.DatasetVersion}, target '{s.Spec.Target}'");
        Row(table, "task / metric", $"{s.Task} / {s.Metric}");
        Row(table, "sampler / pruner", $"{s.Spec.Sampler} / {s.Spec.Pruner}, seed {s.Spec.Seed}");
        Row(table, "budget", Budget(s.Spec.Budget));
        Row(table, "trials", $"{s.TrialsComplete} complete, {s.TrialsPruned} pruned, {s.TrialsFailed} failed, {s.TrialsRunning} running, {s.TrialsQueued} queued");
        Row(table, "best", s.BestTrial is { } t ? $"{s.Metric} {Format.Score(s.BestValue)} (trial {t})" : "-");
        Row(table, "elapsed / compute", $"{Format.Seconds(s.ElapsedSeconds)} / {Format.Seconds(s.ComputeSeconds)}");
        Row(table, "created / finished", $"{Format.Time(s.CreatedUtc)} / {Format.Time(s.FinishedUtc)}");
        return table;
    }

    public static Table Trials(IEnumerable<TrialSummary> trials, string metric)
    {
        var table = New("trials", "trial", "status", "kind", "family", $"validation {metric}", "epochs", "silo", "seconds", "reason");
        foreach (var t in trials)
        {
            Row(table, t.Number, t.Status, t.Kind, t.Family ?? "-", Format.Score(t.Value), t.IntermediateValues.Length, t.Silo ?? "-",
                Format.Seconds(t.DurationSeconds), t.Reason ?? "");
        }
        return table;
    }

    public static Table Datasets(IEnumerable<DatasetInfo> datasets)
    {
        var table = New(null, "data set", "name", "versions", "rows", "columns", "bytes", "uploaded");
        foreach (var d in datasets.OrderBy(d => d.DatasetId, StringComparer.Ordinal))
        {
            var current = d.Versions.Length > 0 ? d.Current : null;
            Row(table, d.DatasetId, d.Name, d.Versions.Length, Format.Count(current?.Rows), Format.Count(current?.Columns), Format.Count(current?.Bytes),
                Format.Time(current?.UploadedUtc));
        }
        return table;
    }

    public static Table Dataset(DatasetInfo d)
    {
        var v = d.Current;
        var table = New($"data set {d.DatasetId} v{v.Version} ({v.FileName}: {v.Rows} rows, {v.Columns} columns{(v.Image is { } i ? $", image {i}" : "")})",
            "column", "kind", "missing", "distinct", "min", "max", "mean", "as target", "note");
        foreach (var c in v.Schema)
        {
            Row(table, c.Name, c.Kind, c.Missing, c.Distinct, Format.Score(c.Min), Format.Score(c.Max), Format.Score(c.Mean), c.TaskAsTarget ?? "-", c.DropReason ?? "");
        }
        return table;
    }

    public static Table Model(ModelInfo m)
    {
        var table = New($"model {m.ModelId}", "field", "value");
        Row(table, "trial", $"{m.Trial.Number} ({m.Trial.Kind}, {m.Trial.Family ?? "-"})");
        Row(table, "target / task", $"{m.Target} / {m.Task}");
        Row(table, "validation", Format.Score(m.Trial.Value));
        Row(table, "test metrics", string.Join(", ", m.Trial.TestMetrics.Select(kv => $"{kv.Key} {Format.Score(kv.Value)}")));
        Row(table, "parameters", Format.Count(m.Trial.ParameterCount));
        Row(table, "latency ms", Format.Ms(m.Trial.LatencyMs));
        Row(table, "artifact bytes", Format.Count(m.Trial.ArtifactBytes));
        Row(table, "inputs", string.Join(", ", m.InputColumns));
        if (m.Classes.Length > 0) Row(table, "classes", string.Join(", ", m.Classes));
        Row(table, "parameters used", string.Join(", ", m.Trial.Params.Select(kv => $"{kv.Key}={kv.Value}")));
        return table;
    }

    public static Table Silos(ClusterView view)
    {
        var table = New($"silos ({view.Queue.Queued} trials queued, {view.Queue.Running} running)", "silo", "status", "role", "devices", "draining", "running jobs", "address");
        foreach (var s in view.Silos) Row(table, s.Name, s.Status, s.Role, string.Join(",", s.Devices), s.Draining ? "yes" : "no", s.RunningJobs, s.Address);
        return table;
    }

    public static Table Workers(IEnumerable<WorkerStatus> workers)
    {
        var table = New("workers", "worker", "silo", "device", "slots", "running", "draining", "jobs started", "last job");
        foreach (var w in workers.OrderBy(w => w.WorkerId, StringComparer.Ordinal))
        {
            Row(table, w.WorkerId, w.Silo, w.Device, w.Slots, w.RunningTrials.Length == 0 ? "-" : string.Join(", ", w.RunningTrials), w.Draining ? "yes" : "no",
                w.JobsStarted, Format.Time(w.LastJobUtc));
        }
        return table;
    }

    public static Table Queue(ClusterView view)
    {
        var table = New("queue per tenant", "tenant", "queued", "running", "weight", "max concurrent", "started", "blocked");
        foreach (var t in view.Queue.Tenants) Row(table, t.TenantId, t.Queued, t.Running, Format.Invariant(t.Weight), t.MaxConcurrent, t.Started, t.Blocked ?? "");
        return table;
    }

    public static string Budget(StudyBudget b) => string.Join(", ", new[]
    {
        b.MaxTrials is { } t ? $"{t} trials" : null,
        b.MaxSeconds is { } s ? $"{Format.Invariant(s)} s" : null,
        b.MaxComputeSeconds is { } c ? $"{Format.Invariant(c)} compute-s" : null,
    }.Where(x => x is not null));

    private static Table New(string? title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var c in columns) table.AddColumn(Markup.Escape(c));
        return table;
    }

    private static void Row(Table table, params object?[] cells) =>
        table.AddRow(cells.Select(c => Markup.Escape(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToArray());
}
