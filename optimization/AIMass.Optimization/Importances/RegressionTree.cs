using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Importances;

/// <summary>A CART regression tree (squared error, best threshold among midpoints, all features at each node).</summary>
internal sealed class RegressionTree
{
    private readonly List<Node> _nodes = [];

    private RegressionTree() { }

    /// <summary>The leaves as boxes (per feature [low, high)) within the given bounds, with their predictions.</summary>
    public List<(double[] Low, double[] High, double Value)> Leaves(double[] low, double[] high)
    {
        var result = new List<(double[], double[], double)>();
        void Walk(int index, double[] lo, double[] hi)
        {
            var node = _nodes[index];
            if (node.Feature < 0)
            {
                result.Add((lo, hi, node.Value));
                return;
            }
            var t = Math.Clamp(node.Threshold, lo[node.Feature], hi[node.Feature]);
            var leftHi = (double[])hi.Clone();
            leftHi[node.Feature] = t;
            var rightLo = (double[])lo.Clone();
            rightLo[node.Feature] = t;
            Walk(node.Left, lo, leftHi);
            Walk(node.Right, rightLo, hi);
        }
        Walk(0, (double[])low.Clone(), (double[])high.Clone());
        return result;
    }

    public static RegressionTree Fit(double[][] x, double[] y, int[] sample, int maxDepth, SeededRandom rng)
    {
        var tree = new RegressionTree();
        tree.Grow(x, y, sample, 0, maxDepth, rng);
        return tree;
    }

    private int Grow(double[][] x, double[] y, int[] rows, int depth, int maxDepth, SeededRandom rng)
    {
        var index = _nodes.Count;
        var mean = 0.0;
        foreach (var r in rows) mean += y[r];
        mean /= rows.Length;
        _nodes.Add(new Node { Feature = -1, Value = mean });
        if (rows.Length < 2 || depth >= maxDepth) return index;
        var features = x[0].Length;
        var bestFeature = -1;
        var bestThreshold = 0.0;
        var bestScore = double.PositiveInfinity;
        var order = new int[features];
        for (var f = 0; f < features; f++) order[f] = f;
        rng.Shuffle(order.AsSpan());
        var sorted = (int[])rows.Clone();
        var keys = new double[rows.Length];
        foreach (var f in order)
        {
            for (var i = 0; i < sorted.Length; i++) keys[i] = x[sorted[i]][f];
            Array.Sort(keys, sorted);
            double leftSum = 0, leftSq = 0, totalSum = 0, totalSq = 0;
            foreach (var r in sorted)
            {
                totalSum += y[r];
                totalSq += y[r] * y[r];
            }
            for (var i = 0; i < sorted.Length - 1; i++)
            {
                var v = y[sorted[i]];
                leftSum += v;
                leftSq += v * v;
                if (keys[i] == keys[i + 1]) continue;
                var nl = i + 1;
                var nr = sorted.Length - nl;
                var rightSum = totalSum - leftSum;
                var score = leftSq - leftSum * leftSum / nl + (totalSq - leftSq) - rightSum * rightSum / nr;
                if (score < bestScore - 1e-12)
                {
                    bestScore = score;
                    bestFeature = f;
                    bestThreshold = 0.5 * (keys[i] + keys[i + 1]);
                }
            }
        }
        if (bestFeature < 0) return index;
        var total = 0.0;
        foreach (var r in rows) total += (y[r] - mean) * (y[r] - mean);
        if (!(total > 1e-300)) return index;
        var left = rows.Where(r => x[r][bestFeature] <= bestThreshold).ToArray();
        var right = rows.Where(r => x[r][bestFeature] > bestThreshold).ToArray();
        var l = Grow(x, y, left, depth + 1, maxDepth, rng);
        var rr = Grow(x, y, right, depth + 1, maxDepth, rng);
        _nodes[index] = new Node { Feature = bestFeature, Threshold = bestThreshold, Left = l, Right = rr, Value = mean };
        return index;
    }

    private struct Node
    {
        public int Feature;
        public double Threshold;
        public int Left;
        public int Right;
        public double Value;
    }
}
