namespace AIMass.Grains.Studies.Distillation;

/// <summary>Persistent state of one scenario's distillation: its teacher, its student study and its trials.</summary>
[GenerateSerializer, Alias("aimass.distillation-state")]
public sealed class DistillationState
{
    [Id(0)] public string Scenario { get; set; } = "";
    [Id(1)] public int TeacherTrial { get; set; }
    [Id(2)] public SearchSpace Space { get; set; } = new();

    /// <summary>The student study's optimizer (JSON snapshot).</summary>
    [Id(3)] public string OptimizerSnapshot { get; set; } = "";

    /// <summary>Study trial number to the student study's trial number.</summary>
    [Id(4)] public Dictionary<int, int> Students { get; set; } = [];
    [Id(5)] public int? ControlTrial { get; set; }

    /// <summary>Students this scenario may have within the study's trial budget; null: the spec's number per scenario.</summary>
    [Id(6)] public int? MaxStudents { get; set; }
}
