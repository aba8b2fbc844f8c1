using System.Globalization;

namespace AIMass.Optimization;

/// <summary>
/// An integer parameter in [<see cref="Low"/>, <see cref="High"/>] on a grid of <see cref="Step"/>, optionally on a
/// log scale (then the step must be 1). <see cref="High"/> is lowered onto the grid, as Optuna does.
/// </summary>
public sealed class IntDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for bounds or options that make no domain.</summary>
    public IntDistribution(int low, int high, bool log = false, int step = 1)
    {
        if (low > high) throw new ArgumentException($"The low bound {low} is above the high bound {high}.", nameof(low));
        if (step < 1) throw new ArgumentException($"The step must be at least 1 (got {step}).", nameof(step));
        if (log && step != 1) throw new ArgumentException($"A log int distribution needs step 1 (got {step}).", nameof(step));
        if (log && low < 1) throw new ArgumentException($"A log int distribution needs a low bound of at least 1 (got {low}).", nameof(low));
        Low = low;
        High = (int)(low + ((long)high - low) / step * step);
        Log = log;
        Step = step;
    }

    /// <summary>The lowest value.</summary>
    public int Low { get; }

    /// <summary>The highest value (on the step grid).</summary>
    public int High { get; }

    /// <summary>Whether the value is sampled uniformly in log space.</summary>
    public bool Log { get; }

    /// <summary>The grid step (1 or more).</summary>
    public int Step { get; }

    /// <inheritdoc />
    public override bool IsSingle => Low == High;

    internal override double SingleInternalValue => Low;

    /// <inheritdoc />
    public override double ToInternal(object? externalValue)
    {
        double v = externalValue switch
        {
            int i => i,
            long l => l,
            short or sbyte or byte or ushort or uint => Convert.ToDouble(externalValue, CultureInfo.InvariantCulture),
            double d => d,
            float f => f,
            decimal m => (double)m,
            _ => throw new ArgumentException(
                $"Value '{externalValue ?? "null"}' of type {externalValue?.GetType().Name ?? "null"} is not an integer for {this}.",
                nameof(externalValue)),
        };
        if (!double.IsFinite(v) || v != Math.Floor(v))
        {
            throw new ArgumentException($"Value {v} is not an integer for {this}.", nameof(externalValue));
        }
        return v;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue) => (int)Math.Round(internalValue);

    /// <inheritdoc />
    public override bool Contains(double internalValue)
    {
        if (double.IsNaN(internalValue) || internalValue < Low || internalValue > High) return false;
        if (internalValue != Math.Floor(internalValue)) return false;
        return ((long)internalValue - Low) % Step == 0;
    }

    /// <inheritdoc />
    public override bool IsCompatibleWith(Distribution other) => other is IntDistribution d && d.Log == Log;

    /// <inheritdoc />
    public override bool Equals(Distribution? other) =>
        other is IntDistribution d && d.Low == Low && d.High == High && d.Log == Log && d.Step == Step;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(2, Low, High, Log, Step);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"IntDistribution(low: {Low}, high: {High}, log: {Log}, step: {Step})");
}
