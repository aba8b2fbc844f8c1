using AIMass.Grains.Studies;
using AIMass.Web.Components.Charts;
using Bunit;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class OptimizationHistoryChartTests
{
    // Default layout: plot 56..620 x 16..240, inset 8: x from 64 to 612, y from 232 (lowest) to 24 (highest).
    [Fact]
    public void Each_complete_trial_is_a_point_at_its_number_and_value()
    {
        using var context = Context();
        var trials = new[]
        {
            Complete(0, 0.5), Complete(1, 0.9), With(2, TrialStatus.Pruned, [0.3]), Complete(3, 0.7), With(4, TrialStatus.Running),
        };
        var cut = context.Render<OptimizationHistoryChart>(p => p.Add(c => c.Trials, trials).Add(c => c.Metric, "accuracy"));

        var points = cut.FindAll("circle.point");
        Assert.Equal(["0", "1", "3"], points.Select(p => p.GetAttribute("data-trial")));
        Assert.Equal([64, 246.67, 612], points.Select(p => Attr(p, "cx")));
        Assert.Equal([232, 24, 128], points.Select(p => Attr(p, "cy")));
        Assert.Contains("accuracy", cut.Markup);
    }

    [Fact]
    public void The_best_so_far_line_only_rises()
    {
        using var context = Context();
        var trials = new[] { Complete(0, 0.5), Complete(1, 0.9), Complete(2, 0.7) };
        var cut = context.Render<OptimizationHistoryChart>(p => p.Add(c => c.Trials, trials));

        var ys = cut.Find("polyline.best-line").GetAttribute("points")!.Split(' ')
            .Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(232, ys[0]);
        Assert.Equal(24, ys[^1]);
        Assert.True(ys.Zip(ys.Skip(1)).All(pair => pair.Second <= pair.First), "screen y never goes down as the best value never falls");
    }

    [Fact]
    public void Without_complete_trials_it_shows_an_empty_state()
    {
        using var context = Context();
        var cut = context.Render<OptimizationHistoryChart>(p => p.Add(c => c.Trials, [With(0, TrialStatus.Running)]));
        Assert.Empty(cut.FindAll("svg.aimass-chart"));
        Assert.NotNull(cut.Find("[data-chart-empty=history]"));
    }
}
