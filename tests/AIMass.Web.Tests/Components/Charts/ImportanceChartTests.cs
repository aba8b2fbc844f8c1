using AIMass.Web.Components.Charts;
using Bunit;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Charts;

public sealed class ImportanceChartTests
{
    [Fact]
    public void Bars_are_sorted_by_share_and_sized_relative_to_the_largest()
    {
        using var context = Context();
        var importances = new Dictionary<string, double> { ["width"] = 0.3, ["lr"] = 0.6, ["dropout"] = 0.1 };
        var cut = context.Render<ImportanceChart>(p => p.Add(c => c.Importances, importances));

        var bars = cut.FindAll("rect.bar");
        Assert.Equal(["lr", "width", "dropout"], bars.Select(b => b.GetAttribute("data-param")));
        Assert.Equal([400, 200, 66.67], bars.Select(b => Attr(b, "width")));
        Assert.Equal([12, 40, 68], bars.Select(b => Attr(b, "y")));
        Assert.Contains("60.0%", cut.Markup);
    }

    [Fact]
    public void No_importances_show_the_reason()
    {
        using var context = Context();
        var cut = context.Render<ImportanceChart>(p => p.Add(c => c.Importances, new Dictionary<string, double>()));
        Assert.Contains("at least two complete trials", cut.Find("[data-chart-empty=importances]").TextContent);
    }
}
