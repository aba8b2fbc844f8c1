namespace AIMass.Grains.Studies.Leaderboards;

/// <summary>Which metrics are better when higher (accuracy, r2, f1, auc) and which when lower (losses and errors).</summary>
public static class MetricDirections
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase) { "rmse", "mae", "mse", "log_loss", "logloss" };

    public static bool HigherIsBetter(string metric) => !LowerIsBetter.Contains(metric);
}
