using AIMass.Optimization;
using AIMass.Web.Components.Pages.Studies;

namespace AIMass.Web.Tests.Components.Pages.Studies;

public sealed class NewStudyFormTests
{
    [Fact]
    public void Defaults_make_a_valid_spec_with_every_scenario_and_a_detected_task()
    {
        var form = new NewStudyForm { DatasetId = "iris", Target = "species" };
        var spec = form.ToSpec();
        Assert.Equal("species on iris", spec.Name);
        Assert.Null(spec.Task);
        Assert.Equal(20, spec.Budget.MaxTrials);
        Assert.Equal(900, spec.Budget.MaxSeconds);
        Assert.Equal(["accurate", "balanced", "edge"], spec.Scenarios.Select(s => s.Name));
        Assert.Contains(spec.Sampler, SamplerCatalog.Names);
        Assert.Contains(spec.Pruner, PrunerCatalog.Names);
        Assert.Empty(AIMass.Grains.Studies.StudySpecValidator.Validate(spec));
    }

    [Fact]
    public void Choices_flow_into_the_spec()
    {
        var form = new NewStudyForm { DatasetId = "d", Target = "t", Task = "regression", Name = " mine ", MaxTrials = 3, MaxMinutes = null, MaxEpochs = 5 };
        form.Scenarios.Remove("edge");
        var spec = form.ToSpec();
        Assert.Equal("mine", spec.Name);
        Assert.Equal("regression", spec.Task);
        Assert.Null(spec.Budget.MaxSeconds);
        Assert.Equal(5, spec.MaxEpochsPerTrial);
        Assert.Equal(["accurate", "balanced"], spec.Scenarios.Select(s => s.Name));
    }
}
