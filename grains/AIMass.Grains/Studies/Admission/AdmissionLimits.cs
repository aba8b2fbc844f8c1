using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;

namespace AIMass.Grains.Studies.Admission;

/// <summary>
/// What a study's trials are admitted against, fixed when the study is created: the shape of its data (encoded input
/// features, as the preprocessing will make them at most; outputs; rows) and the tenant's per-trial limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.admission-limits")]
public sealed record AdmissionLimits
{
    [Id(0)] public int Features { get; init; }
    [Id(1)] public int Outputs { get; init; }
    [Id(2)] public int Rows { get; init; }
    [Id(3)] public long MaxParameters { get; init; }
    [Id(4)] public long MaxMemoryBytes { get; init; }

    public static AdmissionLimits For(IReadOnlyList<ColumnInfo> schema, string target, string task, ImageShape? image, int rows, TenantQuotas quotas)
    {
        var features = image?.Pixels ?? Distillation.DistillationPlanner.InputWidth(schema, target);
        var targetColumn = schema.FirstOrDefault(c => c.Name == target);
        var outputs = task == "regression" ? 1 : Math.Max(2, targetColumn?.Distinct ?? 2);
        return new AdmissionLimits
        {
            Features = Math.Max(1, features),
            Outputs = outputs,
            Rows = rows,
            MaxParameters = quotas.MaxTrialParameters,
            MaxMemoryBytes = (long)quotas.MaxTrialMemoryMiB << 20,
        };
    }
}
