using AIMass.Grains.Datasets;
using AIMass.Grains.Studies;
using AIMass.Grains.Studies.Admission;
using AIMass.Grains.Studies.SearchSpaces;
using AIMass.Grains.Tenants;

namespace AIMass.Grains.Tests.Studies.Admission;

/// <summary>
/// Every configuration a study can produce is admitted before it is queued: values within the trainer's bounds, the
/// family known, and the estimated size within the tenant's per-trial limits; a space is refused at its worst corner.
/// </summary>
public sealed class TrialAdmissionTests
{
    private static readonly AdmissionLimits Iris = Limits(features: 4, outputs: 3, rows: 150);

    private static AdmissionLimits Limits(int features, int outputs, int rows, TenantQuotas? quotas = null)
    {
        quotas ??= TenantQuotas.Default;
        return new AdmissionLimits { Features = features, Outputs = outputs, Rows = rows, MaxParameters = quotas.MaxTrialParameters, MaxMemoryBytes = (long)quotas.MaxTrialMemoryMiB << 20 };
    }

    private static SearchSpace Fixed(params (string Key, string Value)[] values) =>
        new() { Fixed = values.ToDictionary(v => v.Key, v => v.Value) };

    [Theory]
    [InlineData("epochs", "100000000")]
    [InlineData("batch_size", "-3")]
    [InlineData("family", "xgboost")]
    [InlineData("dropout", "1.5")]
    [InlineData("optimizer", "lbfgs")]
    public void A_fixed_value_outside_the_trainers_bounds_is_refused_naming_its_field(string key, string value)
    {
        var errors = TrialAdmission.CheckSpace(Fixed((key, value)), Iris, null);
        var error = Assert.Single(errors);
        Assert.Equal($"searchSpace.{key}", error.Column);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_range_is_checked_at_both_ends_and_every_choice()
    {
        var space = new SearchSpace
        {
            Parameters =
            [
                ParameterSpec.Categorical("family", "mlp", "resnet"),
                ParameterSpec.Int("width", 16, 128),
                ParameterSpec.Int("batch_size", 0, 64),
                ParameterSpec.Categorical("schedule", "cosine", "exponential"),
            ],
        };
        var errors = TrialAdmission.CheckSpace(space, Iris, null);
        Assert.Equal(new[] { "searchSpace.batch_size", "searchSpace.schedule" }, errors.Select(e => e.Column ?? "").Order().ToArray());
    }

    [Fact]
    public void A_space_whose_largest_network_exceeds_the_tenants_limits_is_refused_with_the_estimate()
    {
        var space = new SearchSpace
        {
            Parameters = [ParameterSpec.Int("width", 16, 8192), ParameterSpec.Int("layers", 1, 16)],
            Fixed = new() { ["family"] = "mlp" },
        };
        var error = Assert.Single(TrialAdmission.CheckSpace(space, Iris, null));
        Assert.Equal("searchSpace", error.Column);
        // 4 -> 8192, 15 x (8192 -> 8192), 8192 -> 3, with biases: 1,006,821,379 parameters.
        Assert.Contains("about 1,006,821,379 parameters", error.Message);
        Assert.Contains("limit of 50,000,000", error.Message);
        Assert.Contains("width 8192", error.Message);

        // An admin may raise the tenant's limits; the memory estimate then decides.
        var generous = Limits(4, 3, 150, new TenantQuotas { MaxTrialParameters = 2_000_000_000, MaxTrialMemoryMiB = 8192 });
        var memory = Assert.Single(TrialAdmission.CheckSpace(space, generous, null));
        Assert.Contains("MiB to train, above this tenant's limit of 8,192 MiB", memory.Message);
        Assert.Null(TrialAdmission.Refusal(new Dictionary<string, string> { ["family"] = "mlp", ["width"] = "256", ["layers"] = "3" }, Iris, null));
        Assert.NotNull(TrialAdmission.Refusal(new Dictionary<string, string> { ["family"] = "mlp", ["width"] = "8192", ["layers"] = "16" }, Iris, null));
    }

    [Fact]
    public void The_default_spaces_are_admitted_with_the_default_limits()
    {
        Assert.Empty(TrialAdmission.CheckSpace(DefaultSearchSpaces.For("classification", null, 150, null), Iris, null));
        Assert.Empty(TrialAdmission.CheckSpace(DefaultSearchSpaces.For("regression", null, 10_000, null), Limits(200, 1, 10_000), null));
        var digits = new ImageShape(1, 8, 8);
        Assert.Empty(TrialAdmission.CheckSpace(DefaultSearchSpaces.For("classification", digits, 1797, null), Limits(64, 10, 1797), digits));
    }
}
