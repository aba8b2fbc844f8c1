using System.Globalization;

namespace AIMass.Web.Components.Charts;

/// <summary>
/// One vertical axis of the parallel-coordinates plot: a numeric parameter (linear or log scale over the
/// observed values) or a categorical one (choices evenly spaced, in the search space's order).
/// </summary>
public sealed class ParallelAxis
{
    private readonly ChartScale? _numeric;
    private readonly IReadOnlyList<string> _choices;
    private readonly double _top;
    private readonly double _bottom;

    private ParallelAxis(string name, double x, ChartScale? numeric, IReadOnlyList<string> choices, double top, double bottom)
    {
        Name = name;
        X = x;
        _numeric = numeric;
        _choices = choices;
        _top = top;
        _bottom = bottom;
    }

    public string Name { get; }
    public double X { get; }
    public bool IsCategorical => _numeric is null;
    public IReadOnlyList<string> Choices => _choices;
    public ChartScale? Scale => _numeric;

    /// <summary>A numeric axis over <paramref name="values"/>.</summary>
    public static ParallelAxis Numeric(string name, double x, IEnumerable<double> values, double top, double bottom, bool log = false) =>
        new(name, x, ChartScale.Fit(values, bottom, top, log), [], top, bottom);

    /// <summary>A categorical axis with <paramref name="choices"/> from bottom to top.</summary>
    public static ParallelAxis Categorical(string name, double x, IReadOnlyList<string> choices, double top, double bottom) =>
        new(name, x, null, choices, top, bottom);

    /// <summary>The y position of a raw parameter text, or null when it cannot be placed on this axis.</summary>
    public double? Position(string? raw)
    {
        if (raw is null) return null;
        if (_numeric is not null)
        {
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? _numeric.Map(v) : null;
        }
        var index = IndexOf(raw);
        if (index < 0) return null;
        return _choices.Count == 1 ? (_top + _bottom) / 2 : _bottom + (_top - _bottom) * index / (_choices.Count - 1);
    }

    private int IndexOf(string raw)
    {
        for (var i = 0; i < _choices.Count; i++)
        {
            if (string.Equals(_choices[i], raw, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
