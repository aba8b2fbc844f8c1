using AIMass.Training.Artifacts;
using AIMass.Training.Data;

namespace AIMass.Trainer.Jobs;

/// <summary>What a job reads, loaded by whoever runs it (from files in a trainer process, from the store in process).</summary>
public sealed record JobInputs
{
    /// <summary>The data set (null for an ensemble job, which needs only its candidates).</summary>
    public CsvTable? Data { get; init; }

    /// <summary>A distillation job's teacher.</summary>
    public ModelArtifact? Teacher { get; init; }

    /// <summary>An ensemble job's candidates by source name.</summary>
    public IReadOnlyList<(string Source, ModelArtifact Artifact)> Candidates { get; init; } = [];
}
