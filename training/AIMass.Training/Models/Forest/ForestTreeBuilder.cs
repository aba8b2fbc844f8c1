using System.Runtime.CompilerServices;

namespace AIMass.Training.Models.Forest;

/// <summary>
/// Grows one tree. Random forest (<c>rf</c>): rows drawn with replacement (as integer weights), and at each node the
/// best split over the binned thresholds of a random subset of the features. Extra trees (<c>et</c>): every row once,
/// and at each node one uniform random threshold between the node's smallest and largest value of each tried feature,
/// the best of those. Split quality is the weighted Gini decrease (classification) or the variance reduction
/// (regression), both maximised through the proxy <c>sum_k L_k^2 / W_L + sum_k R_k^2 / W_R</c> over class weights
/// (or weighted target sums). As in scikit-learn, features keep being drawn past the quota while every one tried was
/// constant, and growth stops at pure nodes, at nodes too small for two leaves of <c>MinLeaf</c> rows, and at
/// <c>MaxDepth</c>. Every random choice comes from the generator handed in, so a tree depends only on its seed.
/// Nodes keep their rows as a contiguous range of <see cref="_rows"/>, partitioned in place, and trees are written in
/// preorder (<see cref="ForestTree"/>). The split searches are in <c>ForestTreeBuilder.Splits.cs</c>.
/// </summary>
internal sealed partial class ForestTreeBuilder
{
    private readonly ForestTrainingSet _set;
    private readonly ForestSettings _settings;
    private readonly bool _extra;
    private readonly Random _random;
    private readonly int _width;
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly int[] _weights;
    private readonly int[] _features;
    private readonly double[] _total;
    private readonly double[] _left;
    private readonly double[] _nodeStat;
    private readonly double[] _nodeWeight;
    private readonly int[] _nodeLabel;
    private readonly List<int> _feature = [];
    private readonly List<float> _threshold = [];
    private readonly List<int> _next = [];
    private readonly List<float> _values = [];
    private readonly double[] _boundValues = new double[ForestSplitBound.MaxRows];
    private readonly double[] _boundWeights = new double[ForestSplitBound.MaxRows];
    private double _bestScore;
    private int _bestFeature;
    private float _bestThreshold;
    private int _bestLeftBin;

    private ForestTreeBuilder(ForestTrainingSet set, ForestSettings settings, bool extra, Random random)
    {
        (_set, _settings, _extra, _random, _width) = (set, settings, extra, random, set.Width);
        _rows = new int[set.Rows];
        _scratch = new int[set.Rows];
        _weights = new int[set.Rows];
        _features = Enumerable.Range(0, set.FeatureCount).ToArray();
        _total = new double[_width];
        _left = new double[_width];
        _nodeStat = new double[set.Rows];
        _nodeWeight = new double[set.Rows];
        _nodeLabel = set.IsClassification ? new int[set.Rows] : [];
        if (extra) _xs = new double[set.Rows];
        else (_bins, _classHist) = (new Bin[ForestBins.MaxBins], set.IsClassification ? new double[ForestBins.MaxBins * _width] : []);
    }

    /// <summary>Grows a tree on <paramref name="set"/>; <paramref name="extra"/> picks extra trees over a random forest.</summary>
    public static ForestTree Grow(ForestTrainingSet set, ForestSettings settings, bool extra, Random random) =>
        new ForestTreeBuilder(set, settings, extra, random).Build();

    private ForestTree Build()
    {
        var rows = _set.Rows;
        if (_extra) Array.Fill(_weights, 1);
        else for (var i = 0; i < rows; i++) _weights[_random.Next(rows)]++;
        var count = 0;
        for (var r = 0; r < rows; r++) if (_weights[r] > 0) _rows[count++] = r;
        var stack = new Stack<(int Start, int End, int Depth, int Parent)>();
        stack.Push((0, count, 0, -1));
        while (stack.Count > 0)
        {
            var (start, end, depth, parent) = stack.Pop();
            var node = _feature.Count;
            if (parent >= 0) _next[parent] = node;
            var (weight, pure) = Totals(start, end);
            var n = end - start;
            if (pure || n < 2 * _settings.MinLeaf || (_settings.MaxDepth > 0 && depth >= _settings.MaxDepth) || !FindSplit(start, end, weight))
            {
                AddLeaf(weight);
                continue;
            }
            _feature.Add(_bestFeature);
            _threshold.Add(_bestThreshold);
            _next.Add(-1);
            var mid = Partition(start, end);
            stack.Push((mid, end, depth + 1, node));
            stack.Push((start, mid, depth + 1, -1)); // popped next: the left child is node + 1
        }
        return new ForestTree(_feature.ToArray(), _threshold.ToArray(), _next.ToArray(), _values.ToArray());
    }

    /// <summary>
    /// Fills <see cref="_total"/> and the node's contiguous per-row buffers (weight, weighted target or label, in the
    /// order of <see cref="_rows"/>); answers the node's weight and whether it is pure.
    /// </summary>
    private (double Weight, bool Pure) Totals(int start, int end)
    {
        Array.Clear(_total);
        var weight = 0.0;
        if (_set.Labels is { } labels)
        {
            for (var i = start; i < end; i++)
            {
                var r = _rows[i];
                var (label, w) = (labels[r], _weights[r]);
                (_nodeLabel[i - start], _nodeWeight[i - start]) = (label, w);
                _total[label] += w;
                weight += w;
            }
            var present = 0;
            foreach (var t in _total) if (t > 0) present++;
            return (weight, present <= 1);
        }
        var targets = _set.Targets!;
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        for (var i = start; i < end; i++)
        {
            var r = _rows[i];
            var (y, w) = (targets[r], _weights[r]);
            _nodeWeight[i - start] = w;
            _total[0] += _nodeStat[i - start] = w * (double)y;
            weight += w;
            lo = Math.Min(lo, y);
            hi = Math.Max(hi, y);
        }
        return (weight, lo == hi);
    }

    private void AddLeaf(double weight)
    {
        _feature.Add(-1);
        _threshold.Add(0);
        _next.Add(_values.Count);
        for (var k = 0; k < _width; k++) _values.Add((float)(_total[k] / weight));
    }

    /// <summary>
    /// Tries features in random order until the quota is met (and one was not constant), or until a split reaches the
    /// best any split of the node could (<see cref="ForestSplitBound"/>: later features could only tie); keeps the best.
    /// </summary>
    private bool FindSplit(int start, int end, double weight)
    {
        _bestScore = double.NegativeInfinity;
        _bestFeature = -1;
        var features = _set.FeatureCount;
        var visited = 0;
        var varying = 0;
        var reachable = Reachable(start, end, weight) * (1 - 1e-12);
        for (var j = 0; j < features && (visited < _set.FeaturesPerSplit || varying == 0) && _bestScore < reachable; j++)
        {
            var k = _random.Next(j, features);
            (_features[j], _features[k]) = (_features[k], _features[j]);
            var f = _features[j];
            visited++;
            var constant = _extra ? TryRandomThreshold(f, start, end, weight) : TryBinnedThresholds(f, start, end, weight);
            if (!constant) varying++;
        }
        return _bestFeature >= 0;
    }

    /// <summary>The best proxy any split of the node could reach (see <see cref="ForestSplitBound"/>).</summary>
    private double Reachable(int start, int end, double weight)
    {
        var n = end - start;
        if (n > ForestSplitBound.MaxRows) return double.PositiveInfinity;
        if (_set.IsClassification) return ForestSplitBound.Classification(_total, n);
        var values = _boundValues.AsSpan(0, n);
        var weights = _boundWeights.AsSpan(0, n);
        for (var i = 0; i < n; i++) (values[i], weights[i]) = (_set.Targets![_rows[start + i]], _nodeWeight[i]);
        return ForestSplitBound.Regression(values, weights, _total[0], weight);
    }

    /// <summary>The split proxy <c>sum_k L_k^2 / W_L + sum_k R_k^2 / W_R</c> for the left side in <see cref="_left"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Proxy(double leftWeight, double weight)
    {
        double left = 0, right = 0;
        for (var k = 0; k < _width; k++)
        {
            var l = _left[k];
            var r = _total[k] - l;
            left += l * l;
            right += r * r;
        }
        return left / leftWeight + right / (weight - leftWeight);
    }

    /// <summary>Keeps a split that beat the best so far.</summary>
    private void Keep(double score, int f, float threshold, int leftBin) =>
        (_bestScore, _bestFeature, _bestThreshold, _bestLeftBin) = (score, f, threshold, leftBin);

    /// <summary>
    /// Moves the node's rows going left to the front, keeping their order on both sides (rows stay ascending, so
    /// feature reads sweep memory forwards); answers where the right ones start.
    /// </summary>
    private int Partition(int start, int end)
    {
        var f = _bestFeature;
        var (left, right) = (start, 0);
        if (_extra)
        {
            var column = _set.Columns!.AsSpan(f * _set.Rows, _set.Rows);
            for (var i = start; i < end; i++)
            {
                var r = _rows[i];
                if (column[r] <= _bestThreshold) _rows[left++] = r;
                else _scratch[right++] = r;
            }
        }
        else
        {
            var column = _set.Bins!.Columns.AsSpan(f * _set.Rows, _set.Rows);
            for (var i = start; i < end; i++)
            {
                var r = _rows[i];
                if (column[r] <= _bestLeftBin) _rows[left++] = r;
                else _scratch[right++] = r;
            }
        }
        _scratch.AsSpan(0, right).CopyTo(_rows.AsSpan(left));
        return left;
    }
}
