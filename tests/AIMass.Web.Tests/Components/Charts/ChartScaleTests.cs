using AIMass.Web.Components.Charts;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class ChartScaleTests
{
    [Fact]
    public void A_linear_scale_maps_the_data_extent_onto_the_range()
    {
        var scale = ChartScale.Fit([2, 4, 10], 100, 300);
        Assert.Equal(100, scale.Map(2));
        Assert.Equal(300, scale.Map(10));
        Assert.Equal(150, scale.Map(4));
    }

    [Fact]
    public void A_log_scale_puts_decades_at_equal_distances_and_ignores_non_positive_values()
    {
        var scale = ChartScale.Fit([10, 1000, -5, 0], 0, 200, log: true);
        Assert.Equal(0, scale.Map(10), 9);
        Assert.Equal(100, scale.Map(100), 9);
        Assert.Equal(200, scale.Map(1000), 9);
        Assert.Equal([10, 100, 1000], scale.Ticks());
    }

    [Fact]
    public void A_single_value_is_centred_and_non_finite_values_are_ignored()
    {
        var scale = ChartScale.Fit([0.8, double.NaN, double.PositiveInfinity], 0, 100);
        Assert.Equal(50, scale.Map(0.8));
    }

    [Fact]
    public void Ticks_are_round_numbers_inside_the_domain()
    {
        var ticks = ChartScale.Fit([0.13, 0.97], 0, 1).Ticks(5);
        Assert.Equal([0.2, 0.4, 0.6, 0.8], ticks);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(25000, "25k")]
    [InlineData(1_500_000, "1.5M")]
    [InlineData(0.125, "0.125")]
    [InlineData(0.00001, "1e-5")]
    public void Labels_are_short(double value, string label) => Assert.Equal(label, ChartScale.Label(value));
}
