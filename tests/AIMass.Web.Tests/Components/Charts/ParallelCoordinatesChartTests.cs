using AIMass.Grains.Studies;
using AIMass.Web.Components.Charts;
using Bunit;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class ParallelCoordinatesChartTests
{
    // Layout 760 x 300, plot x 24..696, y 44..284, inset 8: axis tops at y 52, bottoms at 276.
    private static readonly SearchSpace Space = new()
    {
        Parameters =
        [
            ParameterSpec.Categorical("family", "mlp", "resnet"),
            ParameterSpec.Float("lr", 0.001, 0.1, log: true),
            ParameterSpec.Int("layers", 1, 3).When("family", "mlp"),
        ],
    };

    [Fact]
    public void Axes_follow_the_search_space_and_each_trial_crosses_them_at_its_values()
    {
        using var context = Context();
        var trials = new[]
        {
            Complete(0, 0.6, new() { ["family"] = "mlp", ["lr"] = "0.001", ["layers"] = "1" }),
            Complete(1, 0.9, new() { ["family"] = "mlp", ["lr"] = "0.1", ["layers"] = "3" }),
            Complete(2, 0.75, new() { ["family"] = "resnet", ["lr"] = "0.01" }),
        };
        var cut = context.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Trials, trials).Add(c => c.SearchSpace, Space));

        Assert.Equal(["family", "lr", "layers", ParallelCoordinatesChart.ObjectiveAxis], cut.FindAll("g.pc-axis").Select(a => a.GetAttribute("data-axis")));
        var paths = cut.FindAll("path.pc-line").ToDictionary(p => p.GetAttribute("data-trial")!, p => p.GetAttribute("d")!);
        // Axes at x 24, 248, 472, 696. lr is log-scaled: 0.01 sits halfway between 0.001 and 0.1.
        Assert.Equal("M 24 276 L 248 276 L 472 276 L 696 276", paths["0"]);
        Assert.Equal("M 24 276 L 248 52 L 472 52 L 696 52", paths["1"]);
        // The resnet trial has no 'layers': its line passes over that axis from lr to the objective.
        Assert.Equal("M 24 52 L 248 164 L 696 164", paths["2"]);
    }

    [Fact]
    public void Many_axes_widen_the_chart_so_that_neighbours_stay_apart()
    {
        using var context = Context();
        var parameters = Enumerable.Range(0, 12).ToDictionary(i => $"p{i:00}", i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cut = context.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Trials, [Complete(0, 0.5, parameters), Complete(1, 0.7, parameters)]));

        Assert.Equal($"0 0 {24 + 64 + 96 * 12} 300", cut.Find("svg").GetAttribute("viewBox"));
        var xs = cut.FindAll("g.pc-axis line.axis").Select(l => Attr(l, "x1")).ToList();
        Assert.Equal(13, xs.Count);
        Assert.All(xs.Zip(xs.Skip(1)), pair => Assert.Equal(ParallelCoordinatesChart.AxisSpacing, pair.Second - pair.First, 6));
    }

    [Fact]
    public void Better_trials_are_drawn_darker_and_on_top()
    {
        using var context = Context();
        var trials = new[] { Complete(0, 0.9, new() { ["lr"] = "0.01" }), Complete(1, 0.1, new() { ["lr"] = "0.02" }) };
        var cut = context.Render<ParallelCoordinatesChart>(p => p.Add(c => c.Trials, trials));

        var lines = cut.FindAll("path.pc-line");
        Assert.Equal(["1", "0"], lines.Select(l => l.GetAttribute("data-trial")));
        Assert.Contains("rgb(49,46,129)", lines[1].GetAttribute("style"));
        Assert.Contains("rgb(199,210,254)", lines[0].GetAttribute("style"));
    }
}
