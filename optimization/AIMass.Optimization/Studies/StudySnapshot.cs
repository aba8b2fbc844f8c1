using System.Text.Json;
using System.Text.Json.Serialization;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

/// <summary>
/// The full state of a study (what <see cref="Study.ToSnapshot"/> writes and <see cref="Study.FromSnapshot"/>
/// reads): name, directions, study attributes and every trial. Samplers and pruners keep their state here, so a
/// study restored with the same sampler settings and seed continues exactly as the original would.
/// <see cref="ToJson"/> and <see cref="FromJson"/> round-trip exactly (doubles, NaN and infinities included).
/// </summary>
public sealed class StudySnapshot
{
    /// <summary>The snapshot format version this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The format version of this snapshot.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The study's name.</summary>
    public string StudyName { get; init; } = "";

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; init; } = [StudyDirection.Minimize];

    /// <summary>Study-level user attributes.</summary>
    [JsonConverter(typeof(AttributeDictionaryJsonConverter))]
    public IReadOnlyDictionary<string, object?> UserAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>Study-level system attributes.</summary>
    [JsonConverter(typeof(AttributeDictionaryJsonConverter))]
    public IReadOnlyDictionary<string, object?> SystemAttributes { get; init; } = new Dictionary<string, object?>();

    /// <summary>Every trial, by number.</summary>
    public IReadOnlyList<TrialSnapshot> Trials { get; init; } = [];

    /// <summary>The snapshot as JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SnapshotJson.Options);

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>; throws <see cref="ArgumentException"/> for malformed JSON.</summary>
    public static StudySnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StudySnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<StudySnapshot>(json, SnapshotJson.Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The study snapshot JSON is invalid: {e.Message}", nameof(json), e);
        }
        if (snapshot is null) throw new ArgumentException("The JSON holds no study snapshot.", nameof(json));
        if (snapshot.FormatVersion > CurrentFormatVersion)
        {
            throw new ArgumentException(
                $"The snapshot has format version {snapshot.FormatVersion}; this library reads up to {CurrentFormatVersion}.", nameof(json));
        }
        return snapshot;
    }
}
