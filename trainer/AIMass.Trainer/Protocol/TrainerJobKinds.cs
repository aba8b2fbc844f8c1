namespace AIMass.Trainer.Protocol;

/// <summary>What a <see cref="TrainerJob"/> does.</summary>
public static class TrainerJobKinds
{
    public const string Train = "train";
    public const string Distill = "distill";
    public const string Ensemble = "ensemble";
}
