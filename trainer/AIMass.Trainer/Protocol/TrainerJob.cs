namespace AIMass.Trainer.Protocol;

/// <summary>One job for a trainer: what to train and on which files. Paths are local to the silo's machine.</summary>
public sealed record TrainerJob
{
    /// <summary>For logs and error messages only.</summary>
    public required string Name { get; init; }

    /// <summary><c>train</c>, <c>distill</c> or <c>ensemble</c> (see <see cref="TrainerJobKinds"/>).</summary>
    public string Kind { get; init; } = TrainerJobKinds.Train;

    /// <summary>The data set version as a CSV file (not read by an ensemble job).</summary>
    public string DatasetFile { get; init; } = "";

    public string Target { get; init; } = "";

    /// <summary><c>classification</c>, <c>regression</c> or empty (detected).</summary>
    public string Task { get; init; } = "";

    /// <summary>Hyperparameters as invariant text.</summary>
    public Dictionary<string, string> Params { get; init; } = [];

    public int Seed { get; init; }
    public int SplitSeed { get; init; }
    public int Threads { get; init; } = 1;
    public string Device { get; init; } = "cpu";

    /// <summary>Image shape (channels, height, width) when the pixel columns are an image.</summary>
    public int[]? Image { get; init; }

    public int? MaxEpochs { get; init; }
    public int Folds { get; init; }
    public int Repeats { get; init; } = 1;
    public double TestFraction { get; init; } = 0.2;

    /// <summary>A distillation job's teacher, as an artifact file.</summary>
    public string? TeacherFile { get; init; }

    /// <summary>An ensemble job's candidates: source name (the trial number) to artifact file.</summary>
    public Dictionary<string, string> CandidateFiles { get; init; } = [];

    /// <summary>Where the trainer writes the model artifact.</summary>
    public required string ArtifactFile { get; init; }
}
