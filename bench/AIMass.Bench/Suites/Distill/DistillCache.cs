using System.Globalization;
using System.Text.Json;
using AIMass.Training;
using AIMass.Training.Artifacts;

namespace AIMass.Bench.Suites.Distill;

/// <summary>
/// An optional folder (<c>--cache DIR</c>) that keeps each seed's teacher artifact and the student-alone result, so
/// that screening distillation settings re-trains neither. The alone entry is keyed by the student's hyperparameters
/// (a changed baseline is retrained); the teacher's by its own. Results are identical to a run without the cache
/// because every run is seeded.
/// </summary>
internal sealed class DistillCache
{
    private readonly string? _folder;

    public DistillCache(string? folder)
    {
        _folder = string.IsNullOrWhiteSpace(folder) ? null : folder;
        if (_folder is not null) Directory.CreateDirectory(_folder);
    }

    public sealed record StudentResult(double TestAccuracy, double ValidationScore, int BestEpoch, long ParameterCount);

    public ModelArtifact Teacher(int seed, IReadOnlyDictionary<string, object?> hp, Func<ModelArtifact> train)
    {
        if (_folder is null) return train();
        var path = Path.Combine(_folder, $"teacher-{seed}-{Key(hp)}.zip");
        if (File.Exists(path)) return ModelArtifact.Load(path);
        var artifact = train();
        artifact.Save(path);
        return artifact;
    }

    public StudentResult Alone(int seed, IReadOnlyDictionary<string, object?> hp, Func<TrainingOutcome> train)
    {
        StudentResult Of(TrainingOutcome o) => new(o.TestMetrics["accuracy"], o.ValidationScore, o.BestEpoch, o.ParameterCount);
        if (_folder is null) return Of(train());
        var path = Path.Combine(_folder, $"alone-{seed}-{Key(hp)}.json");
        if (File.Exists(path)) return JsonSerializer.Deserialize<StudentResult>(File.ReadAllText(path))!;
        var result = Of(train());
        File.WriteAllText(path, JsonSerializer.Serialize(result));
        return result;
    }

    /// <summary>A short stable hash of the hyperparameters (sorted key=value text).</summary>
    private static string Key(IReadOnlyDictionary<string, object?> hp)
    {
        var text = string.Join(";", hp.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
    }
}
