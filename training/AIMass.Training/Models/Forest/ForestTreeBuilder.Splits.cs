using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AIMass.Training.Models.Forest;

/// <summary>The split searches of <see cref="ForestTreeBuilder"/>: binned thresholds (<c>rf</c>) and random thresholds (<c>et</c>).</summary>
internal sealed partial class ForestTreeBuilder
{
    private readonly double[] _xs = [];
    private readonly Bin[] _bins = [];
    private readonly double[] _classHist = [];
    private readonly int[] _occupied = new int[ForestBins.MaxBins];

    /// <summary>
    /// Random forest: every bin boundary of <paramref name="f"/> in the node, from a histogram of the node's rows. Only
    /// the bins the node occupies are visited (a 256-bit mask, walked in order), so a small node costs its rows, not
    /// 256 bins. Answers whether the feature is constant in the node.
    /// </summary>
    private bool TryBinnedThresholds(int f, int start, int end, double weight)
    {
        var n = end - start;
        var columnMajor = n > ForestTrainingSet.ColumnMajorAbove;
        ReadOnlySpan<byte> codes = columnMajor ? _set.Bins!.Columns.AsSpan(f * _set.Rows, _set.Rows) : _set.Bins!.Codes;
        var (stride, offset) = columnMajor ? (1, 0) : (_set.FeatureCount, f);
        Span<ulong> occupied = stackalloc ulong[ForestBins.MaxBins / 64];
        occupied.Clear();
        var rows = _rows.AsSpan(start, n);
        var weights = _nodeWeight.AsSpan(0, n);
        var bins = _bins.AsSpan();
        var width = _width;
        if (_set.IsClassification)
        {
            var labels = _nodeLabel.AsSpan(0, n);
            var hist = _classHist.AsSpan();
            for (var i = 0; i < rows.Length; i++)
            {
                var b = codes[rows[i] * stride + offset];
                occupied[b >> 6] |= 1UL << b;
                ref var bin = ref bins[b];
                bin.Weight += weights[i];
                bin.Rows++;
                hist[b * width + labels[i]] += weights[i];
            }
        }
        else
        {
            var stats = _nodeStat.AsSpan(0, n);
            for (var i = 0; i < rows.Length; i++)
            {
                var b = codes[rows[i] * stride + offset];
                occupied[b >> 6] |= 1UL << b;
                ref var bin = ref bins[b];
                bin.Sum += stats[i];
                bin.Weight += weights[i];
                bin.Rows++;
            }
        }
        var distinct = 0;
        for (var w = 0; w < occupied.Length; w++)
        {
            for (var bits = occupied[w]; bits != 0; bits &= bits - 1) _occupied[distinct++] = w * 64 + BitOperations.TrailingZeroCount(bits);
        }
        var order = _occupied.AsSpan(0, distinct);
        if (distinct > 1)
        {
            if (width == 1) ScanSums(f, order, n, weight);
            else ScanClasses(f, order, n, weight);
        }
        foreach (var b in order)
        {
            bins[b] = default;
            if (width > 1) _classHist.AsSpan(b * width, width).Clear();
        }
        return distinct <= 1;
    }

    /// <summary>
    /// Regression: tries the cut after each occupied bin but the last. Compares <c>L^2 / W_L + R^2 / W_R &gt; best</c> as
    /// <c>L^2 W_R + R^2 W_L &gt; best W_L W_R</c>, so only a better split pays for divisions.
    /// </summary>
    private void ScanSums(int f, ReadOnlySpan<int> order, int n, double weight)
    {
        var (total, minLeaf, best) = (_total[0], _settings.MinLeaf, _bestScore);
        var (leftSum, leftWeight, leftRows) = (0.0, 0.0, 0);
        for (var i = 0; i < order.Length - 1; i++)
        {
            var b = order[i];
            ref readonly var bin = ref _bins[b];
            leftSum += bin.Sum;
            leftWeight += bin.Weight;
            leftRows += bin.Rows;
            if (leftRows < minLeaf) continue;
            if (n - leftRows < minLeaf) break;
            var (right, rightWeight) = (total - leftSum, weight - leftWeight);
            if (leftSum * leftSum * rightWeight + right * right * leftWeight <= best * leftWeight * rightWeight) continue;
            best = leftSum * leftSum / leftWeight + right * right / rightWeight;
            Keep(best, f, Mid(_set.Bins!.Cuts[f][b], _set.Bins.Cuts[f][order[i + 1] - 1]), b);
        }
    }

    /// <summary>Classification: as <see cref="ScanSums"/> over the class weights.</summary>
    private void ScanClasses(int f, ReadOnlySpan<int> order, int n, double weight)
    {
        var (width, minLeaf) = (_width, _settings.MinLeaf);
        Array.Clear(_left);
        var (leftWeight, leftRows) = (0.0, 0);
        for (var i = 0; i < order.Length - 1; i++)
        {
            var b = order[i];
            for (var k = 0; k < width; k++) _left[k] += _classHist[b * width + k];
            leftWeight += _bins[b].Weight;
            leftRows += _bins[b].Rows;
            if (leftRows < minLeaf) continue;
            if (n - leftRows < minLeaf) break;
            double left = 0, right = 0;
            for (var k = 0; k < width; k++)
            {
                var (l, r) = (_left[k], _total[k] - _left[k]);
                left += l * l;
                right += r * r;
            }
            var rightWeight = weight - leftWeight;
            if (left * rightWeight + right * leftWeight <= _bestScore * leftWeight * rightWeight) continue;
            Keep(left / leftWeight + right / rightWeight, f, Mid(_set.Bins!.Cuts[f][b], _set.Bins.Cuts[f][order[i + 1] - 1]), b);
        }
    }

    /// <summary>
    /// Extra trees: one uniform threshold in the node's range of <paramref name="f"/>, scored without branching on the
    /// rows (four lanes for regression). Answers whether the feature is constant in the node.
    /// </summary>
    private bool TryRandomThreshold(int f, int start, int end, double weight)
    {
        var n = end - start;
        var columnMajor = n > ForestTrainingSet.ColumnMajorAbove;
        ReadOnlySpan<float> features = columnMajor ? _set.Columns!.AsSpan(f * _set.Rows, _set.Rows) : _set.Features!;
        var (stride, offset) = columnMajor ? (1, 0) : (_set.FeatureCount, f);
        var rows = _rows.AsSpan(start, n);
        var xs = _xs.AsSpan(0, n);
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        for (var i = 0; i < rows.Length; i++)
        {
            var x = features[rows[i] * stride + offset];
            xs[i] = x;
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        if (!(hi > lo)) return true;
        var threshold = (float)(lo + _random.NextDouble() * ((double)hi - lo));
        if (threshold >= hi || threshold < lo) threshold = lo;
        Array.Clear(_left);
        var leftRows = _set.IsClassification ? CountLeft(xs, threshold) : SumLeft(xs, threshold);
        if (leftRows < _settings.MinLeaf || n - leftRows < _settings.MinLeaf) return false;
        var score = Proxy(leftRows, weight);
        if (score > _bestScore) Keep(score, f, threshold, -1);
        return false;
    }

    /// <summary>Class counts of the rows at or below the threshold into <see cref="_left"/> (every extra-trees row weighs 1).</summary>
    private int CountLeft(ReadOnlySpan<double> xs, double threshold)
    {
        var left = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            var goes = xs[i] <= threshold ? 1 : 0;
            _left[_nodeLabel[i]] += goes;
            left += goes;
        }
        return left;
    }

    /// <summary>Target sum of the rows at or below the threshold into <see cref="_left"/>; lanes are added in a fixed order.</summary>
    private int SumLeft(ReadOnlySpan<double> xs, double threshold)
    {
        var stats = _nodeStat.AsSpan(0, xs.Length);
        var vx = MemoryMarshal.Cast<double, Vector256<double>>(xs);
        var vs = MemoryMarshal.Cast<double, Vector256<double>>(stats);
        var (limit, one) = (Vector256.Create(threshold), Vector256.Create(1.0));
        var (sum, count) = (Vector256<double>.Zero, Vector256<double>.Zero);
        for (var i = 0; i < vx.Length; i++)
        {
            var mask = Vector256.LessThanOrEqual(vx[i], limit);
            sum += mask & vs[i];
            count += mask & one;
        }
        var total = sum.GetElement(0) + sum.GetElement(1) + (sum.GetElement(2) + sum.GetElement(3));
        var left = (int)(count.GetElement(0) + count.GetElement(1) + count.GetElement(2) + count.GetElement(3));
        for (var i = vx.Length * 4; i < xs.Length; i++)
        {
            if (xs[i] > threshold) continue;
            total += stats[i];
            left++;
        }
        _left[0] = total;
        return left;
    }

    /// <summary>A histogram bin of the node's rows: weighted target sum (regression), weight and rows.</summary>
    private struct Bin
    {
        public double Sum;
        public double Weight;
        public int Rows;
    }

    /// <summary>A threshold between two cuts (<c>lo &lt;= result &lt;= hi</c>), like scikit-learn's midpoint between values.</summary>
    private static float Mid(float lo, float hi) => (float)(((double)lo + hi) / 2);
}
