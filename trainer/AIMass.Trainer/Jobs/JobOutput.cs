using AIMass.Trainer.Protocol;
using AIMass.Training.Artifacts;

namespace AIMass.Trainer.Jobs;

/// <summary>A finished job: the model to store and what is reported about it.</summary>
public sealed record JobOutput(ModelArtifact Artifact, TrainerJobResult Result);
