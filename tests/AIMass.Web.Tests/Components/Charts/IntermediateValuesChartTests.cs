using AIMass.Grains.Studies;
using AIMass.Web.Components.Charts;
using Bunit;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class IntermediateValuesChartTests
{
    [Fact]
    public void Each_trial_is_a_curve_by_epoch_and_pruned_ones_are_marked()
    {
        using var context = Context();
        var trials = new[]
        {
            Complete(0, 0.9, curve: [0.5, 0.7, 0.9]),
            With(1, TrialStatus.Pruned, [0.4, 0.45]),
            With(2, TrialStatus.Queued),
        };
        var cut = context.Render<IntermediateValuesChart>(p => p.Add(c => c.Trials, trials));

        var curves = cut.FindAll("polyline.curve[data-trial]");
        Assert.Equal(2, curves.Count);
        // Epochs 1..3 span x 64..612; values 0.4..0.9 span y 232..36 (the legend sits above the plot).
        Assert.Equal("64,192.8 338,114.4 612,36", curves[0].GetAttribute("points"));
        Assert.Equal("64,232 338,212.4", curves[1].GetAttribute("points"));
        Assert.Contains("pruned", curves[1].ClassList);
        Assert.Equal("Pruned", curves[1].GetAttribute("data-status"));
        Assert.Equal("1", cut.Find("path.pruned-mark").GetAttribute("data-trial"));
    }

    [Fact]
    public void Non_finite_values_are_skipped()
    {
        using var context = Context();
        var cut = context.Render<IntermediateValuesChart>(p => p.Add(c => c.Trials, [With(0, TrialStatus.Running, [0.2, double.NaN, 0.6])]));
        Assert.Equal("64,232 612,36", cut.Find("polyline.curve[data-trial]").GetAttribute("points"));
    }

    [Fact]
    public void A_model_scored_once_is_a_small_diamond_at_its_epoch()
    {
        using var context = Context();
        var cut = context.Render<IntermediateValuesChart>(p => p.Add(c => c.Trials, [Complete(0, 0.9, curve: [0.5, 0.7, 0.9]), Complete(1, 0.9, curve: [0.9])]));
        // Epoch 1 is x 64 and 0.9 the top of the plot (y 36): a diamond of radius 4 around that point, closed.
        Assert.Equal("60,36 64,32 68,36 64,40 60,36", cut.FindAll("polyline.curve[data-trial]")[1].GetAttribute("points"));
    }
}
