using AIMass.Training.Configuration;

namespace AIMass.Training.Training;

/// <summary>The trainer's options, read from the hyperparameters (see <see cref="Hyperparameters"/> for keys and defaults).</summary>
internal sealed record TrainerSettings
{
    public required string Optimizer { get; init; }
    public required double LearningRate { get; init; }
    public required double WeightDecay { get; init; }
    public required double Momentum { get; init; }
    public required int BatchSize { get; init; }
    public required int Epochs { get; init; }
    public required string Schedule { get; init; }
    public required double WarmupEpochs { get; init; }
    public required int StepSize { get; init; }
    public required double StepGamma { get; init; }
    public required double LabelSmoothing { get; init; }
    public required double GradClip { get; init; }
    public required int Patience { get; init; }
    public required string ClassWeight { get; init; }
    public required bool Augment { get; init; }
    public required int AugmentShift { get; init; }

    public static TrainerSettings Read(HyperparameterReader hp, int? maxEpochs, bool image)
    {
        var optimizer = hp.Choice(Hyperparameters.Optimizer, "adamw", "adamw", "adam", "sgd");
        var epochs = hp.Int(Hyperparameters.Epochs, 60, 1, 100_000);
        if (maxEpochs is { } cap)
        {
            if (cap < 1) throw new ArgumentOutOfRangeException(nameof(maxEpochs), cap, "MaxEpochs must be at least 1.");
            epochs = Math.Min(epochs, cap);
        }
        return new TrainerSettings
        {
            Optimizer = optimizer,
            LearningRate = hp.Double(Hyperparameters.LearningRate, optimizer == "sgd" ? 0.05 : 0.003, 1e-7, 10),
            WeightDecay = hp.Double(Hyperparameters.WeightDecay, 1e-4, 0, 1),
            Momentum = hp.Double(Hyperparameters.Momentum, 0.9, 0, 0.999),
            BatchSize = hp.Int(Hyperparameters.BatchSize, 64, 1, 65_536),
            Epochs = epochs,
            Schedule = hp.Choice(Hyperparameters.Schedule, "cosine", "cosine", "step", "constant"),
            WarmupEpochs = hp.Double(Hyperparameters.WarmupEpochs, 0, 0, 1000),
            StepSize = hp.Int(Hyperparameters.StepSize, Math.Max(1, epochs / 3), 1, 100_000),
            StepGamma = hp.Double(Hyperparameters.StepGamma, 0.1, 1e-6, 1),
            LabelSmoothing = hp.Double(Hyperparameters.LabelSmoothing, 0, 0, 0.5),
            GradClip = hp.Double(Hyperparameters.GradClip, 5, 0, 1e6),
            Patience = hp.Int(Hyperparameters.Patience, 20, 0, 100_000),
            ClassWeight = hp.Choice(Hyperparameters.ClassWeight, "auto", "auto", "balanced", "none"),
            Augment = image && hp.Flag(Hyperparameters.Augment, false),
            AugmentShift = image ? hp.Int(Hyperparameters.AugmentShift, 1, 0, 16) : 0,
        };
    }

    /// <summary>The learning rate at a fractional epoch (step / steps per epoch): linear warm-up, then the schedule.</summary>
    public double LearningRateAt(double epoch)
    {
        if (WarmupEpochs > 0 && epoch < WarmupEpochs) return LearningRate * (epoch + 1e-3) / WarmupEpochs;
        var t = epoch - WarmupEpochs;
        var span = Math.Max(1e-9, Epochs - WarmupEpochs);
        return Schedule switch
        {
            "cosine" => LearningRate * (0.01 + 0.99 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, t / span)))),
            "step" => LearningRate * Math.Pow(StepGamma, Math.Floor(t / StepSize)),
            _ => LearningRate,
        };
    }
}
