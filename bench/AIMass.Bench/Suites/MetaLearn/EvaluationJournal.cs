using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// The finished studies of a <c>metalearn eval</c> run, one JSON line each, so that running the same command again
/// after the process died (a native crash) resumes instead of starting over. Lines written under other settings
/// (another signature) are ignored; a torn last line is skipped.
/// </summary>
internal sealed class EvaluationJournal
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly string? _path;
    private readonly string _signature;
    private readonly object _gate = new();

    private sealed record Line(string Signature, string Task, int Seed, bool Warm, IReadOnlyList<TrialRecord> Trials);

    public EvaluationJournal(string? path, string signature)
    {
        _path = path;
        _signature = signature;
    }

    /// <summary>The studies already finished under this signature.</summary>
    public Dictionary<(string Task, int Seed, bool Warm), IReadOnlyList<TrialRecord>> Load()
    {
        var done = new Dictionary<(string, int, bool), IReadOnlyList<TrialRecord>>();
        if (_path is null || !File.Exists(_path)) return done;
        foreach (var text in File.ReadLines(_path))
        {
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Options);
            }
            catch (JsonException)
            {
                continue;
            }
            if (line is not null && line.Signature == _signature) done[(line.Task, line.Seed, line.Warm)] = line.Trials;
        }
        return done;
    }

    /// <summary>Appends a finished study.</summary>
    public void Add(string task, int seed, bool warm, IReadOnlyList<TrialRecord> trials)
    {
        if (_path is null) return;
        var text = JsonSerializer.Serialize(new Line(_signature, task, seed, warm, trials), Options);
        lock (_gate) File.AppendAllText(_path, text + Environment.NewLine);
    }
}
