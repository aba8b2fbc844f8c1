using System.Globalization;

namespace AIMass.Optimization;

/// <summary>
/// A real-valued parameter in [<see cref="Low"/>, <see cref="High"/>], optionally sampled on a log scale or on a
/// grid of <see cref="Step"/> (not both). With a step, <see cref="High"/> is lowered onto the grid, as Optuna does.
/// </summary>
public sealed class FloatDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for bounds or options that make no domain.</summary>
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        if (!double.IsFinite(low)) throw new ArgumentException($"The low bound must be finite (got {low}).", nameof(low));
        if (!double.IsFinite(high)) throw new ArgumentException($"The high bound must be finite (got {high}).", nameof(high));
        if (low > high) throw new ArgumentException($"The low bound {low} is above the high bound {high}.", nameof(low));
        if (log && step is not null) throw new ArgumentException("A float distribution cannot have both log and step.", nameof(step));
        if (log && low <= 0) throw new ArgumentException($"A log distribution needs a positive low bound (got {low}).", nameof(low));
        if (step is { } s)
        {
            if (!double.IsFinite(s) || s <= 0) throw new ArgumentException($"The step must be positive (got {s}).", nameof(step));
            var n = Math.Floor((high - low) / s + 1e-9);
            high = Math.Min(high, low + n * s);
            if (high < low) high = low;
        }
        Low = low;
        High = high;
        Log = log;
        Step = step;
    }

    /// <summary>The lowest value.</summary>
    public double Low { get; }

    /// <summary>The highest value (on the step grid when there is a step).</summary>
    public double High { get; }

    /// <summary>Whether the value is sampled uniformly in log space.</summary>
    public bool Log { get; }

    /// <summary>The grid step, or null for a continuous domain.</summary>
    public double? Step { get; }

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    internal override double SingleInternalValue => Low;

    /// <inheritdoc />
    public override double ToInternal(object? externalValue) => externalValue switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        short or sbyte or byte or ushort or uint => Convert.ToDouble(externalValue, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(
            $"Value '{externalValue ?? "null"}' of type {externalValue?.GetType().Name ?? "null"} is not a number for {this}.",
            nameof(externalValue)),
    };

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => internalValue;

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High) return false;
        if (Step is not { } s) return true;
        var k = (internalValue - Low) / s;
        return Math.Abs(k - Math.Round(k)) < 1e-8;
    }

    /// <inheritdoc />
    public override bool IsCompatibleWith(Distribution other) => other is FloatDistribution f && f.Log == Log;

    /// <inheritdoc />
    public override bool Equals(Distribution? other) =>
        other is FloatDistribution f && f.Low.Equals(Low) && f.High.Equals(High) && f.Log == Log && Nullable.Equals(f.Step, Step);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(1, Low, High, Log, Step);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FloatDistribution(low: {Low:R}, high: {High:R}, log: {Log}, step: {(Step is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "null")})");
}
