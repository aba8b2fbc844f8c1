using System.Numerics;
using AIMass.Optimization.Numerics;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// Continuous Gaussian kernels ordered by their centre in the first dimension, in blocks of <see cref="BlockSize"/>
/// with per-block bounds in that dimension (centre range, widest kernel, largest offset). The log density at a point
/// evaluates the block with the centre range holding the point first, then only the blocks whose bound may come within
/// <c>cutoffLog</c> of the largest kernel term: the others hold only kernels that a full pass would leave out of the
/// sum as well. Further dimensions (product kernels) only lower a term, so the first dimension's bound holds for them.
/// With many trials most kernels sit far (in their own widths) from any one point, so this costs a few blocks instead
/// of every kernel.
/// </summary>
internal sealed class SortedKernels
{
    public const int BlockSize = 16;

    private double[] _offsets = [];
    private double[] _mus = [];
    private double[] _invSigmas = [];
    private double[] _blockLow = [];
    private double[] _blockHigh = [];
    private double[] _blockHalfInvSq = [];
    private double[] _blockMaxOffset = [];
    private double[][] _restMus = [];
    private double[][] _restInvSigmas = [];
    private int _count;
    private int _blocks;

    /// <summary>
    /// Kernels with centres <paramref name="mus"/> (non-decreasing), 1/σ <paramref name="invSigmas"/> and log-term
    /// offsets <paramref name="offsets"/> (log w_k plus the kernel's constant); the arrays are kept, not copied.
    /// </summary>
    public SortedKernels(double[] offsets, double[] mus, double[] invSigmas) => Reset(offsets, mus, invSigmas, mus.Length);

    /// <summary>An empty set, to be <see cref="Reset"/>.</summary>
    public SortedKernels()
    {
    }

    /// <summary>
    /// Product kernels over several dimensions, ordered by the first: centres <paramref name="mus"/>[d] and 1/σ
    /// <paramref name="invSigmas"/>[d] per dimension, log-term offsets (log w_k plus every dimension's constant).
    /// </summary>
    public SortedKernels(double[] offsets, double[][] mus, double[][] invSigmas)
    {
        Reset(offsets, mus[0], invSigmas[0], offsets.Length);
        _restMus = mus[1..];
        _restInvSigmas = invSigmas[1..];
    }

    /// <summary>Uses the first <paramref name="count"/> kernels of the given arrays (kept, not copied) from now on.</summary>
    public SortedKernels Reset(double[] offsets, double[] mus, double[] invSigmas, int count)
    {
        _restMus = [];
        _restInvSigmas = [];
        _offsets = offsets;
        _mus = mus;
        _invSigmas = invSigmas;
        _count = count;
        _blocks = (count + BlockSize - 1) / BlockSize;
        if (_blockLow.Length < _blocks)
        {
            _blockLow = new double[_blocks];
            _blockHigh = new double[_blocks];
            _blockHalfInvSq = new double[_blocks];
            _blockMaxOffset = new double[_blocks];
        }
        for (var b = 0; b < _blocks; b++)
        {
            var start = b * BlockSize;
            var end = Math.Min(start + BlockSize, count);
            var minInv = double.PositiveInfinity;
            var maxOffset = double.NegativeInfinity;
            for (var k = start; k < end; k++)
            {
                minInv = Math.Min(minInv, invSigmas[k]);
                maxOffset = Math.Max(maxOffset, offsets[k]);
            }
            _blockLow[b] = mus[start];
            _blockHigh[b] = mus[end - 1];
            _blockHalfInvSq[b] = 0.5 * minInv * minInv;
            _blockMaxOffset[b] = maxOffset;
        }
        return this;
    }

    /// <summary>Number of kernels.</summary>
    public int Count => _count;

    /// <summary>
    /// log Σ_k exp(offset_k − ½((x − μ_k)/σ_k)²), leaving out terms more than <paramref name="cutoffLog"/> below the
    /// largest (whole blocks, or whole vectors within a block); <paramref name="scratch"/> holds at least
    /// <see cref="Count"/> values rounded up to whole blocks.
    /// </summary>
    public double LogSumExp(double x, double cutoffLog, Span<double> scratch) => LogSumExp(x, [], cutoffLog, scratch);

    /// <summary>
    /// The same for product kernels at the point (<paramref name="x"/>, <paramref name="rest"/>): rest holds the point's
    /// further dimensions, one per dimension the kernels were made with beyond the first.
    /// </summary>
    public double LogSumExp(double x, ReadOnlySpan<double> rest, double cutoffLog, Span<double> scratch)
    {
        var blocks = _blocks;
        if (blocks == 0) return double.NegativeInfinity;
        // The block holding x first (it gives a large term), then every other block whose bound may come within the
        // cutoff of the running maximum. That maximum only grows, so a skipped block is below the final cutoff too.
        // Evaluated blocks' terms are written one after another to scratch (a short last block padded with −∞).
        var first = _blockHigh.AsSpan(0, blocks).BinarySearch(x);
        first = Math.Min(first < 0 ? ~first : first, blocks - 1);
        var max = Evaluate(first, x, rest, scratch, 0, double.NegativeInfinity);
        var written = BlockSize;
        var low = _blockLow;
        var high = _blockHigh;
        var halfInvSq = _blockHalfInvSq;
        var maxOffset = _blockMaxOffset;
        for (var b = 0; b < blocks; b++)
        {
            var d = x < low[b] ? low[b] - x : x > high[b] ? x - high[b] : 0;
            if (b != first && maxOffset[b] - halfInvSq[b] * d * d > max - cutoffLog)
            {
                max = Evaluate(b, x, rest, scratch, written, max);
                written += BlockSize;
            }
        }
        if (double.IsNegativeInfinity(max)) return max;
        return max + Math.Log(SpanMath.SumExp(scratch[..written], max, cutoffLog));
    }

    /// <summary>Writes block <paramref name="block"/>'s log terms at <paramref name="x"/> to scratch from <paramref name="at"/>; returns max(<paramref name="max"/>, theirs).</summary>
    private double Evaluate(int block, double x, ReadOnlySpan<double> rest, Span<double> scratch, int at, double max)
    {
        if (rest.Length > 0) return EvaluateProduct(block, x, rest, scratch, at, max);
        var k = block * BlockSize;
        var end = Math.Min(k + BlockSize, _count);
        var shift = at - k;
        var mus = _mus;
        var inv = _invSigmas;
        var offsets = _offsets;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var vx = new Vector<double>(x);
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; k + width <= end; k += width)
            {
                var z = (vx - new Vector<double>(mus, k)) * new Vector<double>(inv, k);
                var v = new Vector<double>(offsets, k) - new Vector<double>(0.5) * z * z;
                v.CopyTo(scratch[(k + shift)..]);
                vmax = Vector.Max(vmax, v);
            }
            for (var j = 0; j < width; j++) max = Math.Max(max, vmax[j]);
        }
        for (; k < end; k++)
        {
            var z = (x - mus[k]) * inv[k];
            var v = offsets[k] - 0.5 * z * z;
            scratch[k + shift] = v;
            max = Math.Max(max, v);
        }
        scratch[(end + shift)..(at + BlockSize)].Fill(double.NegativeInfinity);
        return max;
    }

    /// <summary><see cref="Evaluate"/> for product kernels: the first dimension's terms, less the other dimensions' ½ z².</summary>
    private double EvaluateProduct(int block, double x, ReadOnlySpan<double> rest, Span<double> scratch, int at, double max)
    {
        var start = block * BlockSize;
        var length = Math.Min(start + BlockSize, _count) - start;
        var terms = scratch.Slice(at, length);
        SpanMath.OffsetMinusHalfSquare(_offsets.AsSpan(start, length), _mus.AsSpan(start, length), _invSigmas.AsSpan(start, length), x, terms);
        for (var d = 0; d < rest.Length; d++)
        {
            SpanMath.SubtractHalfSquare(_restMus[d].AsSpan(start, length), _restInvSigmas[d].AsSpan(start, length), rest[d], terms);
        }
        scratch[(at + length)..(at + BlockSize)].Fill(double.NegativeInfinity);
        return Math.Max(max, SpanMath.Max(terms));
    }
}
