using System.Globalization;

namespace AIMass.Web.Components.Charts;

/// <summary>
/// Maps a data interval onto a pixel interval, linearly or logarithmically. The domain is the data's exact
/// extent (a single value is widened by ±0.5, or ×/÷2 on a log scale), so the smallest value lands on
/// <see cref="RangeStart"/> and the largest on <see cref="RangeEnd"/>.
/// </summary>
public sealed record ChartScale(double DomainMin, double DomainMax, double RangeStart, double RangeEnd, bool Log = false)
{
    /// <summary>A scale over the given values (non-finite ones, and non-positive ones on a log scale, ignored).</summary>
    public static ChartScale Fit(IEnumerable<double> values, double rangeStart, double rangeEnd, bool log = false)
    {
        var usable = values.Where(v => double.IsFinite(v) && (!log || v > 0)).ToList();
        if (usable.Count == 0) return new ChartScale(log ? 1 : 0, log ? 10 : 1, rangeStart, rangeEnd, log);
        var min = usable.Min();
        var max = usable.Max();
        if (min == max)
        {
            (min, max) = log ? (min / 2, max * 2) : (min - 0.5, max + 0.5);
        }
        return new ChartScale(min, max, rangeStart, rangeEnd, log);
    }

    /// <summary>The pixel position of a value.</summary>
    public double Map(double value)
    {
        var (lo, hi, v) = Log
            ? (Math.Log10(DomainMin), Math.Log10(DomainMax), Math.Log10(Math.Max(value, DomainMin)))
            : (DomainMin, DomainMax, value);
        var t = hi == lo ? 0.5 : (v - lo) / (hi - lo);
        return RangeStart + t * (RangeEnd - RangeStart);
    }

    /// <summary>Round tick values inside the domain (powers of ten on a log scale, 1-2-5 steps otherwise).</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        if (Log)
        {
            var ticks = new List<double>();
            for (var e = Math.Floor(Math.Log10(DomainMin)); e <= Math.Ceiling(Math.Log10(DomainMax)); e++)
            {
                var tick = Math.Pow(10, e);
                if (tick >= DomainMin * 0.999 && tick <= DomainMax * 1.001) ticks.Add(tick);
            }
            return ticks.Count > 0 ? ticks : [DomainMin, DomainMax];
        }
        var step = NiceStep((DomainMax - DomainMin) / Math.Max(1, count));
        var result = new List<double>();
        for (var k = Math.Ceiling(DomainMin / step - 1e-9); k * step <= DomainMax + step * 1e-9; k++)
        {
            result.Add(Math.Round(k * step, 10));
        }
        return result;
    }

    /// <summary>A short label for a tick or value.</summary>
    public static string Label(double value)
    {
        var abs = Math.Abs(value);
        return abs switch
        {
            0 => "0",
            >= 1e6 => (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
            >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
            >= 0.001 => value.ToString("0.###", CultureInfo.InvariantCulture),
            _ => value.ToString("0.#e0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A number for an SVG attribute (invariant, two decimals).</summary>
    public static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
