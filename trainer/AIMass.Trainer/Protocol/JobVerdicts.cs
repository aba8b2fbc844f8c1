namespace AIMass.Trainer.Protocol;

/// <summary>The silo's answer to an epoch report.</summary>
public static class JobVerdicts
{
    /// <summary>Train on.</summary>
    public const string Continue = "continue";

    /// <summary>Stop training and return the model as it is (pruned, or the budget is spent).</summary>
    public const string Stop = "stop";

    /// <summary>Drop the job: the study no longer wants it.</summary>
    public const string Abandon = "abandon";
}
