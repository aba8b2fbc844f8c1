using System.Runtime.CompilerServices;
using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;
using AIMass.Training.Models.LinearModels;

namespace AIMass.Training.Models.Kernel;

/// <summary>
/// The <c>krr</c> family on the host: kernel ridge regression with the RBF kernel
/// <c>k(x, y) = exp(-gamma / features * |x - y|^2)</c> on the encoded features. The dual coefficients solve
/// <c>(K + alpha I) A = Y</c> for every output column at once (<see cref="KernelRidgeSolver"/>: one Cholesky
/// factorisation in double), and a row scores <c>f(x) = offset + sum_i A_i k(x, x_i)</c> over the kept (support) rows.
/// Regression fits the standardised targets minus their mean (the offset). Classification fits the one-hot class
/// indicators minus their column means, the class shares (a least-squares SVM, or kernel regression of the indicators),
/// so <c>f_c(x)</c> approximates <c>P(c | x)</c>; each <c>f_c</c> is clipped to <c>[1e-3, 1]</c> and the row renormalised
/// to sum to 1. The solve costs the cube of the rows, so beyond <see cref="MaxSupportRows"/> training rows the fit keeps a
/// deterministic sample of that many (stratified by class; see <see cref="KernelRidgeSubset"/>), whose solve takes well
/// under a second.
/// </summary>
internal sealed class KernelRidgeModel : IHostModel
{
    /// <summary>The most training rows a fit keeps.</summary>
    public const int MaxSupportRows = 2_000;

    private const byte FormatVersion = 1;
    private const string Name = "krr model";
    private const double ProbabilityFloor = 1e-3;

    private readonly TaskKind _task;
    private readonly int _classes;
    private readonly int _featureCount;
    private readonly int _rows;
    private readonly double[] _support;
    private readonly double[] _coefficients;
    private readonly double[] _offsets;

    private KernelRidgeModel(TaskKind task, int classes, int featureCount, int rows, double[] support, double[] coefficients, double[] offsets, KernelRidgeSettings settings)
    {
        (_task, _classes, _featureCount, _rows, _support, _coefficients, _offsets) = (task, classes, featureCount, rows, support, coefficients, offsets);
        Settings = settings;
    }

    public string Family => "krr";

    /// <summary>The stored support rows times (features plus outputs): the rows themselves and their dual coefficients.</summary>
    public long ParameterCount => (long)_rows * (_featureCount + _offsets.Length);

    /// <summary>The ridge and the kernel width.</summary>
    public KernelRidgeSettings Settings { get; }

    /// <summary>The training rows kept (all of them up to <see cref="MaxSupportRows"/>).</summary>
    public int SupportRows => _rows;

    /// <summary>Dual coefficients, column-major <c>[outputs, support rows]</c>.</summary>
    public IReadOnlyList<double> DualCoefficients => _coefficients;

    /// <summary>What each output adds to the kernel sum: the targets' mean, or the class shares.</summary>
    public IReadOnlyList<double> Offsets => _offsets;

    /// <summary>Fits on the rows with the family's hyperparameters (<see cref="KernelRidgeSettings"/>).</summary>
    public static KernelRidgeModel Fit(HostFitData data, HyperparameterReader hp)
    {
        var settings = KernelRidgeSettings.Read(hp);
        if (data.Rows < 1) throw new ArgumentException("Kernel ridge regression needs at least one training row.", nameof(data));
        if (data.Task == TaskKind.Classification && data.Labels!.Take(data.Rows).Any(l => l < 0 || l >= data.Classes))
        {
            throw new ArgumentException($"Labels must lie in [0, {data.Classes}).", nameof(data));
        }
        var kept = KernelRidgeSubset.Choose(data, MaxSupportRows);
        var (rows, features, outputs) = (kept.Length, data.FeatureCount, data.OutputWidth);
        var support = new double[rows * features];
        for (var r = 0; r < rows; r++)
        {
            var source = data.Features.AsSpan(kept[r] * features, features);
            for (var f = 0; f < features; f++) support[r * features + f] = source[f];
        }
        var y = new double[outputs * rows]; // column-major [outputs, rows]
        for (var r = 0; r < rows; r++)
        {
            if (data.Task == TaskKind.Regression) y[r] = data.Targets![kept[r]];
            else y[data.Labels![kept[r]] * rows + r] = 1;
        }
        var offsets = new double[outputs];
        for (var c = 0; c < outputs; c++)
        {
            var column = y.AsSpan(c * rows, rows);
            var mean = 0.0;
            foreach (var v in column) mean += v;
            offsets[c] = mean / rows;
            foreach (ref var v in column) v -= offsets[c];
        }
        var coefficients = KernelRidgeSolver.Solve(support, rows, features, y, outputs, Scale(settings, features), settings.Alpha, data.Threads);
        return new KernelRidgeModel(data.Task, data.Task == TaskKind.Classification ? data.Classes : 1, features, rows, support, coefficients, offsets, settings);
    }

    /// <summary>Class probabilities (row-major <c>[count, classes]</c>) or standardised values; rows are scored in parallel.</summary>
    public float[] Score(float[] features, int count)
    {
        var width = _offsets.Length;
        var result = new float[count * width];
        var scale = Scale(Settings, _featureCount);
        Parallel.For(0, count, () => (new double[_featureCount], new double[_rows], new double[width]), (i, _, buffers) =>
        {
            ScoreRow(features.AsSpan(i * _featureCount, _featureCount), scale, buffers, result.AsSpan(i * width, width));
            return buffers;
        }, _ => { });
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreRow(ReadOnlySpan<float> source, double scale, (double[] Query, double[] Kernel, double[] F) buffers, Span<float> output)
    {
        var (query, kernel, f) = buffers;
        var width = output.Length;
        for (var j = 0; j < _featureCount; j++) query[j] = source[j];
        for (var r = 0; r < _rows; r++) kernel[r] = KernelRidgeSolver.Rbf(query, _support.AsSpan(r * _featureCount, _featureCount), scale);
        for (var c = 0; c < width; c++) f[c] = _offsets[c] + DenseMath.Dot(_coefficients.AsSpan(c * _rows, _rows), kernel);
        if (_task == TaskKind.Regression)
        {
            output[0] = (float)f[0];
            return;
        }
        var sum = 0.0;
        for (var c = 0; c < width; c++) sum += f[c] = Math.Clamp(f[c], ProbabilityFloor, 1.0);
        for (var c = 0; c < width; c++) output[c] = (float)(f[c] / sum);
    }

    /// <summary>
    /// A version byte, the shape (<see cref="HostModelHeader"/>), the support row count and settings, then the offsets,
    /// the support rows (as the float features they were) and the dual coefficients (little-endian).
    /// </summary>
    public byte[] Save() => HostModelBytes.Save(FormatVersion, writer =>
    {
        new HostModelHeader(_task, _classes, _featureCount).Write(writer);
        writer.Write(_rows);
        writer.Write(Settings.Alpha);
        writer.Write(Settings.Gamma);
        HostModelBytes.WriteArray(writer, _offsets);
        HostModelBytes.WriteArray(writer, Array.ConvertAll(_support, v => (float)v));
        HostModelBytes.WriteArray(writer, _coefficients);
    });

    /// <summary>Reads a model written by <see cref="Save"/>, checking it against the artifact's shape.</summary>
    public static KernelRidgeModel Load(byte[] bytes, HostModelShape shape)
    {
        using var reader = HostModelBytes.Open(bytes, FormatVersion, Name);
        var (task, classes, features) = HostModelHeader.Read(reader, shape, Name);
        var rows = reader.ReadInt32();
        var settings = new KernelRidgeSettings(reader.ReadDouble(), reader.ReadDouble());
        if (rows is < 1 or > MaxSupportRows) throw new InvalidDataException($"The krr model's {rows} support rows are not in [1, {MaxSupportRows}].");
        var outputs = task == TaskKind.Classification ? classes : 1;
        var offsets = HostModelBytes.ReadArray<double>(reader, outputs, Name);
        var support = Array.ConvertAll(HostModelBytes.ReadArray<float>(reader, rows * features, Name), v => (double)v);
        var coefficients = HostModelBytes.ReadArray<double>(reader, outputs * rows, Name);
        return new KernelRidgeModel(task, classes, features, rows, support, coefficients, offsets, settings);
    }

    /// <summary>The kernel's <c>gamma / features</c>.</summary>
    private static double Scale(KernelRidgeSettings settings, int features) => settings.Gamma / Math.Max(features, 1);
}
