using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>The <c>metalearn</c> suite's options (see <see cref="MetaLearnSuite"/>).</summary>
internal sealed record MetaLearnSettings
{
    /// <summary>Where the shipped prior lives, relative to the repository root.</summary>
    public const string DefaultKnowledgePath = "silo/AIMass.Silo/Knowledge/prior-knowledge.json";

    public required string RepositoryRoot { get; init; }

    public int Seed { get; init; } = 1;

    public int Trials { get; init; } = 20;

    public int MaxEpochs { get; init; } = 8;

    public int Parallel { get; init; } = 1;

    public int Seeds { get; init; } = 3;

    /// <summary>Train each run inside a no-GC region (<see cref="QuietGarbageCollector"/>; needs <c>--parallel 1</c>).</summary>
    public bool QuietGc { get; init; }

    /// <summary>Where <c>eval</c> keeps finished studies so that a run that died can resume (none when null).</summary>
    public string? JournalPath { get; init; }

    public required string OutputPath { get; init; }

    /// <summary>Task ids to keep (all when empty).</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    public static MetaLearnSettings From(BenchContext context)
    {
        var path = context.Option("out", context.Option("kb", DefaultKnowledgePath));
        return new MetaLearnSettings
        {
            RepositoryRoot = context.RepositoryRoot,
            Seed = context.IntOption("seed", 1),
            Trials = Positive(context.IntOption("trials", 20), "trials"),
            MaxEpochs = Positive(context.IntOption("max-epochs", 8), "max-epochs"),
            Parallel = Positive(context.IntOption("parallel", 1), "parallel"),
            Seeds = Positive(context.IntOption("seeds", 3), "seeds"),
            QuietGc = context.Flag("quiet-gc"),
            JournalPath = context.Option("journal", "") is { Length: > 0 } journal ? Path.GetFullPath(journal) : null,
            OutputPath = Path.IsPathRooted(path) ? path : Path.Combine(context.RepositoryRoot, path),
            Tasks = context.Option("tasks", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    /// <summary>Checks option combinations.</summary>
    public MetaLearnSettings Validated() =>
        QuietGc && Parallel != 1 ? throw new ArgumentException("--quiet-gc needs --parallel 1 (a collection started by one trainer would hit the other mid-call).") : this;

    public IReadOnlyList<MetaTask> Select(IReadOnlyList<MetaTask> tasks)
    {
        if (Tasks.Count == 0) return tasks;
        var unknown = Tasks.Except(tasks.Select(t => t.Id)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown task(s) {string.Join(", ", unknown)}; known: {string.Join(", ", tasks.Select(t => t.Id))}.");
        return tasks.Where(t => Tasks.Contains(t.Id)).ToList();
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"--{name} must be a positive integer; got {value}.");
}
