namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// One parameter's values over the trials of a <see cref="TpeHistory"/> (NaN where a trial lacks it), in internal
/// form and in the estimator's space (log for log domains), plus the indices of the trials that have it, ordered by
/// that value (ties by index). Immutable; a later history extends it in O(n) (a merge, no sort), and hands the
/// kernel-normaliser memo on to it, so the Parzen estimator over n trials need not sort or integrate again.
/// </summary>
internal sealed class TpeColumn
{
    private readonly Dictionary<(double Low, double High), KernelMemo> _memos;
    private readonly Lock _memosGate;

    private TpeColumn(double[] internalValues, double[] values, int[] sorted, Dictionary<(double, double), KernelMemo> memos, Lock gate)
    {
        Internal = internalValues;
        Values = values;
        Sorted = sorted;
        _memos = memos;
        _memosGate = gate;
    }

    /// <summary>Internal values by history index; NaN where the trial lacks the parameter.</summary>
    public double[] Internal { get; }

    /// <summary>The values in the estimator's space (log of the internal value for log domains); NaN where absent.</summary>
    public double[] Values { get; }

    /// <summary>History indices of the trials that have the parameter, by value, ties by index.</summary>
    public int[] Sorted { get; }

    /// <summary>Whether the estimator works on the logarithm of the internal value.</summary>
    public static bool IsLog(Distribution d) => d is FloatDistribution { Log: true } or IntDistribution { Log: true };

    /// <summary>The column of <paramref name="name"/> over <paramref name="trials"/>.</summary>
    public static TpeColumn Build(FrozenTrial[] trials, string name, bool log) =>
        Extend(null, trials, 0, name, log);

    /// <summary>
    /// This column extended to <paramref name="trials"/>, whose first <paramref name="from"/> entries are the ones it
    /// already covers (null: build from scratch).
    /// </summary>
    public static TpeColumn Extend(TpeColumn? previous, FrozenTrial[] trials, int from, string name, bool log)
    {
        var count = trials.Length;
        var internalValues = new double[count];
        var values = log ? new double[count] : internalValues;
        var previousSorted = previous?.Sorted ?? [];
        if (previous is not null)
        {
            Array.Copy(previous.Internal, internalValues, from);
            if (log) Array.Copy(previous.Values, values, from);
        }
        else
        {
            from = 0;
        }
        var added = new List<int>(count - from);
        for (var i = from; i < count; i++)
        {
            if (trials[i].TryGetInternal(name, out var v) && !double.IsNaN(v))
            {
                internalValues[i] = v;
                if (log) values[i] = Math.Log(v);
                added.Add(i);
            }
            else
            {
                internalValues[i] = double.NaN;
                if (log) values[i] = double.NaN;
            }
        }
        var fresh = added.ToArray();
        if (fresh.Length > 1) StableSort.ByKey(values, fresh);
        var sorted = Merge(previousSorted, fresh, values);
        return previous is null
            ? new TpeColumn(internalValues, values, sorted, [], new Lock())
            : new TpeColumn(internalValues, values, sorted, previous._memos, previous._memosGate);
    }

    /// <summary>The normaliser memo of kernels over [<paramref name="low"/>, <paramref name="high"/>] (locked by its user).</summary>
    public KernelMemo Memo(double low, double high)
    {
        lock (_memosGate)
        {
            if (!_memos.TryGetValue((low, high), out var memo)) _memos[(low, high)] = memo = new KernelMemo();
            return memo;
        }
    }

    /// <summary>
    /// log Z of the first <paramref name="kernels"/> kernels over [<paramref name="low"/>, <paramref name="high"/>] into
    /// <paramref name="logNorm"/>, from the memo where the kernel at a history index is unchanged; kernels with a
    /// negative index (the prior) are left alone.
    /// </summary>
    public void LogNormalisers(ReadOnlySpan<int> index, ReadOnlySpan<double> mus, ReadOnlySpan<double> sigmas, int kernels,
        double low, double high, Span<double> logNorm)
    {
        var memo = Memo(low, high);
        lock (memo.Gate)
        {
            memo.LogNorms(index, mus, sigmas, kernels, low, high, logNorm, Internal.Length);
        }
    }

    /// <summary>Merges two index lists each ordered by (value, index), where every index of <paramref name="b"/> exceeds those of <paramref name="a"/>.</summary>
    private static int[] Merge(int[] a, int[] b, double[] values)
    {
        if (b.Length == 0) return a;
        var result = new int[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            // Equal values: a's index is the smaller one and goes first.
            result[k++] = values[b[j]] < values[a[i]] ? b[j++] : a[i++];
        }
        while (i < a.Length) result[k++] = a[i++];
        while (j < b.Length) result[k++] = b[j++];
        return result;
    }

    /// <summary>
    /// Remembers, per history index, the kernel (centre and width) last seen there and the log of the truncated
    /// Gaussian's mass in the box for it; the same kernel again reuses it instead of two erfc calls. Keyed by the
    /// kernel itself, so it can never answer for another one.
    /// </summary>
    internal sealed class KernelMemo
    {
        private double[] _mu = [];
        private double[] _sigma = [];
        private double[] _logNorm = [];

        /// <summary>The lock its users hold around <see cref="LogNorm"/>.</summary>
        public Lock Gate { get; } = new();

        /// <summary>
        /// <see cref="LogNorm"/> of each of the first <paramref name="kernels"/> kernels with a history index (below
        /// <paramref name="indexBound"/>); callers hold the lock.
        /// </summary>
        public void LogNorms(ReadOnlySpan<int> index, ReadOnlySpan<double> mus, ReadOnlySpan<double> sigmas, int kernels,
            double low, double high, Span<double> logNorm, int indexBound)
        {
            if (indexBound > _sigma.Length) Grow(indexBound - 1);
            var memoMu = _mu;
            var memoSigma = _sigma;
            var memoLogNorm = _logNorm;
            for (var k = 0; k < kernels; k++)
            {
                var i = index[k];
                if (i < 0) continue;
                var (mu, sigma) = (mus[k], sigmas[k]);
                if (memoSigma[i] == sigma && memoMu[i] == mu)
                {
                    logNorm[k] = memoLogNorm[i];
                    continue;
                }
                logNorm[k] = memoLogNorm[i] = ParzenDimension.LogNormaliser(mu, sigma, low, high);
                memoMu[i] = mu;
                memoSigma[i] = sigma;
            }
        }

        /// <summary>log Z of the kernel at <paramref name="mu"/> with width <paramref name="sigma"/>; callers hold the lock.</summary>
        public double LogNorm(int index, double mu, double sigma, double low, double high)
        {
            if (index >= _sigma.Length) Grow(index);
            if (_sigma[index] == sigma && _mu[index] == mu) return _logNorm[index];
            var logNorm = ParzenDimension.LogNormaliser(mu, sigma, low, high);
            _mu[index] = mu;
            _sigma[index] = sigma;
            _logNorm[index] = logNorm;
            return logNorm;
        }

        private void Grow(int index)
        {
            var size = Math.Max(index + 1, Math.Max(64, 2 * _sigma.Length));
            var oldLength = _sigma.Length;
            Array.Resize(ref _mu, size);
            Array.Resize(ref _sigma, size);
            Array.Resize(ref _logNorm, size);
            _sigma.AsSpan(oldLength).Fill(double.NaN);
        }
    }
}
