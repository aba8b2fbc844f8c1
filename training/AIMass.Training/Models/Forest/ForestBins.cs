namespace AIMass.Training.Models.Forest;

/// <summary>
/// The random forest's pre-binned features: each feature's values cut into at most 256 bins at quantiles of its
/// rows (a feature with at most 256 distinct values gets one bin per value, so its splits are exact), stored
/// as bytes both row-major (a small node's rows sit in a few cache lines for every feature) and column-major (a large
/// node reads one short column per feature). A value falls in bin
/// <c>b</c> when <c>Cuts[f][b - 1] &lt; x &lt;= Cuts[f][b]</c>; a split "bin &lt;= b" is therefore the threshold test
/// "x &lt;= Cuts[f][b]" on raw values.
/// </summary>
internal sealed class ForestBins
{
    /// <summary>The most bins per feature.</summary>
    public const int MaxBins = 256;

    private ForestBins(byte[] codes, byte[] columns, float[][] cuts, int rows, int features)
    {
        Codes = codes;
        Columns = columns;
        Cuts = cuts;
        Rows = rows;
        Features = features;
    }

    /// <summary>Bin codes, row-major <c>[rows, features]</c>.</summary>
    public byte[] Codes { get; }

    /// <summary>The same codes column-major <c>[features, rows]</c>.</summary>
    public byte[] Columns { get; }

    /// <summary>Per feature, the upper edge of each bin but the last (midpoints between neighbouring distinct values).</summary>
    public float[][] Cuts { get; }

    /// <summary>Rows binned.</summary>
    public int Rows { get; }

    /// <summary>Features per row.</summary>
    public int Features { get; }

    /// <summary>Bins every feature of the row-major <paramref name="x"/>, features in parallel up to <paramref name="threads"/>.</summary>
    public static ForestBins Build(float[] x, int rows, int features, int threads)
    {
        var codes = new byte[(long)rows * features];
        var columns = new byte[(long)rows * features];
        var cuts = new float[features][];
        Parallel.For(0, features, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, f =>
        {
            var column = new float[rows];
            for (var i = 0; i < rows; i++) column[i] = x[(long)i * features + f];
            var sorted = (float[])column.Clone();
            Array.Sort(sorted);
            var edges = CutsOf(sorted);
            cuts[f] = edges;
            for (var i = 0; i < rows; i++) codes[(long)i * features + f] = columns[(long)f * rows + i] = (byte)BinOf(edges, column[i]);
        });
        return new ForestBins(codes, columns, cuts, rows, features);
    }

    /// <summary>The bin of <paramref name="value"/>: how many cuts lie below it.</summary>
    private static int BinOf(float[] cuts, float value)
    {
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (value <= cuts[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>
    /// Cuts between distinct values: after every one when there are at most <see cref="MaxBins"/>, else once a bin
    /// holds its share of the rows still to place (runs of ties are never split, and heavy ties do not starve later bins).
    /// </summary>
    private static float[] CutsOf(float[] sorted)
    {
        var values = new List<float>();
        var counts = new List<int>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            values.Add(sorted[i]);
            counts.Add(j - i);
            i = j;
        }
        var cuts = new List<float>(Math.Min(values.Count, MaxBins));
        var remaining = sorted.Length;
        var inBin = 0;
        for (var d = 0; d < values.Count - 1 && cuts.Count < MaxBins - 1; d++)
        {
            inBin += counts[d];
            var binsLeft = MaxBins - cuts.Count;
            if (inBin >= (double)remaining / binsLeft || values.Count - 1 - d <= binsLeft - 1)
            {
                cuts.Add(Between(values[d], values[d + 1]));
                remaining -= inBin;
                inBin = 0;
            }
        }
        return cuts.ToArray();
    }

    /// <summary>A float strictly below <paramref name="b"/> and at least <paramref name="a"/>: their midpoint where representable.</summary>
    private static float Between(float a, float b)
    {
        var mid = (float)(((double)a + b) / 2);
        return mid < b && mid >= a ? mid : a;
    }
}
