namespace AIMass.Optimization.Randomness;

/// <summary>
/// A small, fast, deterministic generator (xoshiro256**) whose streams are derived from a seed plus keys such as
/// a trial number and a parameter name. Samplers draw each trial's randomness from
/// <c>ForTrial(seed, trialNumber, purpose)</c> instead of one advancing generator, so a study restored from a
/// snapshot continues the same sequence, and the order in which parameters are suggested does not matter.
/// Not thread-safe: one instance per use.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    /// <summary>The generator for <paramref name="purpose"/> (e.g. a parameter name) in trial <paramref name="trialNumber"/>.</summary>
    public static SeededRandom ForTrial(int seed, int trialNumber, string purpose) =>
        new(Mix(Mix((ulong)(uint)seed, (ulong)(uint)trialNumber + 0x9E3779B97F4A7C15UL), StableHash(purpose)));

    /// <summary>The generator for an arbitrary tuple of keys.</summary>
    public static SeededRandom For(int seed, string purpose, long key1 = 0, long key2 = 0) =>
        new(Mix(Mix(Mix((ulong)(uint)seed, StableHash(purpose)), (ulong)key1), (ulong)key2 ^ 0xD1B54A32D192ED03UL));

    /// <summary>A process-independent 64-bit hash of a string (FNV-1a over UTF-16 code units, then mixed).</summary>
    public static ulong StableHash(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Finalize(h);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A uniform integer in [0, n) without modulo bias.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The bound must be positive.");
        var bound = (ulong)n;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            var m = Math.BigMul(r, bound, out var low);
            if (low >= threshold) return (int)m;
        }
    }

    /// <summary>A standard normal draw (polar Box–Muller).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, positive sum).</summary>
    public int Choice(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var r = NextDouble() * total;
        var acc = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            acc += weights[i];
            if (r < acc) return i;
        }
        for (var i = weights.Length - 1; i >= 0; i--)
        {
            if (weights[i] > 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Shuffles a span in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong a, ulong b) => Finalize(a * 0x9E3779B97F4A7C15UL ^ RotateLeft(b, 31) ^ (b * 0xBF58476D1CE4E5B9UL));

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Finalize(x);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
