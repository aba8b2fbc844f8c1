using System.Runtime.InteropServices;
using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;

namespace AIMass.Training.Models.LinearModels;

/// <summary>
/// The <c>linear</c> family on the host: ridge regression with an unpenalised intercept for regression
/// (<see cref="RidgeSolver"/>, closed form), multinomial (or, with two classes, binary) logistic regression with an L2
/// penalty for classification (<see cref="LogisticSolver"/>, L-BFGS). Fitted in double; the coefficients are kept in
/// double, so scoring matches the fit exactly.
/// </summary>
internal sealed class LinearModel : IHostModel
{
    private const byte FormatVersion = 1;

    private readonly TaskKind _task;
    private readonly int _classes;
    private readonly int _featureCount;
    private readonly double[] _weights;
    private readonly double[] _intercepts;

    private LinearModel(TaskKind task, int classes, int featureCount, double[] weights, double[] intercepts)
    {
        (_task, _classes, _featureCount, _weights, _intercepts) = (task, classes, featureCount, weights, intercepts);
    }

    public string Family => "linear";

    /// <summary>Coefficients plus intercepts: one vector for regression and for two classes, else one per class.</summary>
    public long ParameterCount => _weights.Length + _intercepts.Length;

    /// <summary>Row-major coefficients <c>[vectors, features]</c>.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The intercept of each coefficient vector.</summary>
    public IReadOnlyList<double> Intercepts => _intercepts;

    /// <summary>L-BFGS iterations of the logistic fit (0 for ridge or a loaded model).</summary>
    public int Iterations { get; private init; }

    /// <summary>Fits on the rows with the family's hyperparameters (<see cref="LinearSettings"/>).</summary>
    public static LinearModel Fit(HostFitData data, HyperparameterReader hp)
    {
        var settings = LinearSettings.Read(hp);
        if (data.Rows < 1) throw new ArgumentException("A linear model needs at least one training row.", nameof(data));
        var (rows, features) = (data.Rows, data.FeatureCount);
        var x = new double[(long)rows * features];
        for (var i = 0; i < x.Length; i++) x[i] = data.Features[i];
        if (data.Task == TaskKind.Regression)
        {
            var y = data.Targets!.Select(t => (double)t).ToArray();
            var (w, b) = RidgeSolver.Solve(x, y, rows, features, settings.Alpha);
            return new LinearModel(TaskKind.Regression, 1, features, w, [b]);
        }
        var labels = data.Labels!.Select(l => (int)l).ToArray();
        if (labels.Any(l => l < 0 || l >= data.Classes)) throw new ArgumentException($"Labels must lie in [0, {data.Classes}).", nameof(data));
        var fit = LogisticSolver.Fit(x, labels, rows, features, data.Classes, settings.Alpha, data.Threads);
        return new LinearModel(TaskKind.Classification, data.Classes, features, fit.Weights, fit.Intercepts) { Iterations = fit.Iterations };
    }

    /// <summary>Class probabilities (row-major <c>[count, classes]</c>) or standardised values for row-major features.</summary>
    public float[] Score(float[] features, int count)
    {
        var width = _task == TaskKind.Classification ? _classes : 1;
        var vectors = _intercepts.Length;
        var result = new float[(long)count * width];
        var row = new double[_featureCount];
        var z = new double[Math.Max(width, 1)];
        for (var i = 0; i < count; i++)
        {
            var source = features.AsSpan(i * _featureCount, _featureCount);
            for (var j = 0; j < _featureCount; j++) row[j] = source[j];
            if (_task == TaskKind.Regression)
            {
                result[i] = (float)(DenseMath.Dot(_weights, row) + _intercepts[0]);
                continue;
            }
            for (var v = 0; v < vectors; v++) z[width - vectors + v] = DenseMath.Dot(_weights.AsSpan(v * _featureCount, _featureCount), row) + _intercepts[v];
            if (vectors < width) z[0] = 0; // two classes: the first class's logit is fixed
            var max = z.Max();
            var sum = 0.0;
            for (var c = 0; c < width; c++) sum += z[c] = Math.Exp(z[c] - max);
            for (var c = 0; c < width; c++) result[i * width + c] = (float)(z[c] / sum);
        }
        return result;
    }

    /// <summary>A version byte, the shape, then the coefficients and intercepts as little-endian doubles.</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            writer.Write((int)_task);
            writer.Write(_classes);
            writer.Write(_featureCount);
            writer.Write(_intercepts.Length);
            writer.Write(MemoryMarshal.AsBytes(_weights.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(_intercepts.AsSpan()));
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/>, checking it against the artifact's shape.</summary>
    public static LinearModel Load(byte[] bytes, HostModelShape shape)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var version = reader.ReadByte();
        if (version != FormatVersion) throw new InvalidDataException($"Unknown linear model format version {version}.");
        var (task, classes, features, vectors) = ((TaskKind)reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var expected = task == TaskKind.Regression ? 1 : classes == 2 ? 1 : classes;
        var shapeClasses = shape.Task == TaskKind.Classification ? shape.Classes : 1;
        if (task != shape.Task || classes != shapeClasses || features != shape.FeatureCount || vectors != expected)
        {
            throw new InvalidDataException(
                $"The linear model ({task}, {classes} classes, {features} features) does not match the artifact ({shape.Task}, {shape.Classes} classes, {shape.FeatureCount} features).");
        }
        var weights = new double[vectors * features];
        var intercepts = new double[vectors];
        if (reader.Read(MemoryMarshal.AsBytes(weights.AsSpan())) != weights.Length * sizeof(double)
            || reader.Read(MemoryMarshal.AsBytes(intercepts.AsSpan())) != intercepts.Length * sizeof(double))
        {
            throw new InvalidDataException("The linear model's bytes end early.");
        }
        return new LinearModel(task, classes, features, weights, intercepts);
    }
}
