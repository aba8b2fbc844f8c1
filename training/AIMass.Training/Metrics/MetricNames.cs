namespace AIMass.Training.Metrics;

/// <summary>The metric names used in outcomes, artifacts and reports (all lower-case, snake case).</summary>
public static class MetricNames
{
    /// <summary>Share of rows whose predicted class is right (higher is better; the classification selection metric).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Mean of the per-class recalls (higher is better).</summary>
    public const string BalancedAccuracy = "balanced_accuracy";

    /// <summary>Unweighted mean of the per-class F1 scores (higher is better).</summary>
    public const string MacroF1 = "macro_f1";

    /// <summary>Mean negative log-likelihood of the true class (lower is better; probabilities clipped at 1e-15).</summary>
    public const string LogLoss = "log_loss";

    /// <summary>Area under the ROC curve, binary tasks only (higher is better).</summary>
    public const string RocAuc = "roc_auc";

    /// <summary>Root mean squared error in the target's units (lower is better).</summary>
    public const string Rmse = "rmse";

    /// <summary>Mean absolute error in the target's units (lower is better).</summary>
    public const string Mae = "mae";

    /// <summary>Coefficient of determination (higher is better; the regression selection metric).</summary>
    public const string R2 = "r2";

    /// <summary>The selection metric of a task: <c>accuracy</c> or <c>r2</c> (both higher-is-better).</summary>
    public static string SelectionMetric(TaskKind task) => task == TaskKind.Classification ? Accuracy : R2;
}
