namespace AIMass.Grains.MetaLearning;

/// <summary>Persistent state of the meta-learner: what studies of this service taught it (the shipped prior is read from its file).</summary>
[GenerateSerializer, Alias("aimass.meta-learner-state")]
public sealed class MetaLearnerState
{
    /// <summary>The learned entries as knowledge-base JSON.</summary>
    [Id(0)] public string LearnedJson { get; set; } = "";
}
