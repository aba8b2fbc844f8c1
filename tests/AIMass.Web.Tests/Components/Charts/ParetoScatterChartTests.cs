using AIMass.Grains.Studies;
using AIMass.Web.Components.Charts;
using Bunit;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class ParetoScatterChartTests
{
    private static readonly TrialSummary[] Trials =
    [
        Complete(0, 0.80, parameterCount: 100, latencyMs: 0.1),
        Complete(1, 0.85, parameterCount: 10_000, latencyMs: 1.0),
        Complete(2, 0.95, parameterCount: 1_000, latencyMs: 10.0),
        With(3, TrialStatus.Running),
    ];

    [Fact]
    public void Points_sit_at_their_size_on_a_log_axis_and_the_front_is_highlighted()
    {
        using var context = Context();
        var cut = context.Render<ParetoScatterChart>(p => p.Add(c => c.Trials, Trials).Add(c => c.Front, [Trials[0], Trials[2]]));

        var points = cut.FindAll("circle.point").ToDictionary(c => c.GetAttribute("data-trial")!);
        Assert.Equal(3, points.Count);
        Assert.Equal(64, Attr(points["0"], "cx"));
        Assert.Equal(338, Attr(points["2"], "cx"));
        Assert.Equal(612, Attr(points["1"], "cx"));
        Assert.Equal(232, Attr(points["0"], "cy"));
        Assert.Equal(24, Attr(points["2"], "cy"));
        Assert.Contains("front", points["0"].ClassList);
        Assert.Contains("front", points["2"].ClassList);
        Assert.Contains("dominated", points["1"].ClassList);
        Assert.Equal("64,232 338,232 338,24", cut.Find("polyline.front-line").GetAttribute("points"));
    }

    [Fact]
    public void The_line_joins_only_points_no_smaller_model_beats_even_when_the_study_front_has_more()
    {
        using var context = Context();
        var cut = context.Render<ParetoScatterChart>(p => p.Add(c => c.Trials, Trials).Add(c => c.Front, Trials[..3]));

        Assert.Equal(3, cut.FindAll("circle.point.front").Count);
        Assert.Equal("64,232 338,232 338,24", cut.Find("polyline.front-line").GetAttribute("points"));
    }

    [Fact]
    public void By_latency_the_x_axis_is_the_latency()
    {
        using var context = Context();
        var cut = context.Render<ParetoScatterChart>(p => p.Add(c => c.Trials, Trials).Add(c => c.ByLatency, true));
        Assert.Equal("latency", cut.Find("svg").GetAttribute("data-x-axis"));
        var points = cut.FindAll("circle.point").ToDictionary(c => c.GetAttribute("data-trial")!);
        Assert.Equal(64, Attr(points["0"], "cx"));
        Assert.Equal(338, Attr(points["1"], "cx"));
        Assert.Equal(612, Attr(points["2"], "cx"));
    }
}
