namespace AIMass.Cli.Automl;

/// <summary>
/// How <c>aimass automl</c> spends its time budget so that the whole run, start-up and predictions included,
/// ends within <c>budget + 5 s</c>: the study gets what is left after start-up minus a reserve for its last
/// epochs and the predictions; if it still runs at <see cref="HardStopSeconds"/> it is cancelled (complete
/// trials keep their models).
/// </summary>
public sealed record BudgetPlan(double BudgetSeconds, double StudySeconds, double HardStopSeconds)
{
    /// <summary>Seconds past the budget at which a study that is still running is cancelled.</summary>
    public const double HardStopGrace = 3;

    /// <param name="budgetSeconds">The user's budget, counted from the process start.</param>
    /// <param name="elapsedSeconds">Seconds already spent (start-up, upload) when the study is created.</param>
    public static BudgetPlan For(double budgetSeconds, double elapsedSeconds)
    {
        if (!(budgetSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(budgetSeconds), budgetSeconds, "The budget must be positive.");
        var reserve = Math.Clamp(budgetSeconds * 0.05, 2, 10);
        var study = Math.Max(1, budgetSeconds - Math.Max(0, elapsedSeconds) - reserve);
        return new BudgetPlan(budgetSeconds, Math.Round(study, 1), budgetSeconds + HardStopGrace);
    }
}
