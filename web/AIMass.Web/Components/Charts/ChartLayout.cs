namespace AIMass.Web.Components.Charts;

/// <summary>
/// The geometry shared by the charts: a view box of <see cref="Width"/> x <see cref="Height"/> with margins for
/// the axes, and an inset so that points on the domain's edges are not cut off.
/// </summary>
public sealed record ChartLayout(double Width = 640, double Height = 280, double Left = 56, double Right = 20, double Top = 16, double Bottom = 40)
{
    /// <summary>Distance between the plot's frame and the first or last data position.</summary>
    public const double Inset = 8;

    public static ChartLayout Default { get; } = new();

    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double PlotTop => Top;
    public double PlotBottom => Height - Bottom;

    /// <summary>A horizontal scale over the plot (inset), for the given values.</summary>
    public ChartScale X(IEnumerable<double> values, bool log = false) => ChartScale.Fit(values, PlotLeft + Inset, PlotRight - Inset, log);

    /// <summary>A vertical scale over the plot (inset; larger values higher up).</summary>
    public ChartScale Y(IEnumerable<double> values, bool log = false) => ChartScale.Fit(values, PlotBottom - Inset, PlotTop + Inset, log);

    public string ViewBox => $"0 0 {ChartScale.Px(Width)} {ChartScale.Px(Height)}";
}
