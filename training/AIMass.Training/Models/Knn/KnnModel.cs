using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;

namespace AIMass.Training.Models.Knn;

/// <summary>
/// k nearest neighbours on the host: keeps the training rows, and answers for a row the votes of its <c>k</c> nearest
/// rows by Euclidean distance on the encoded features (ties broken by the lower training row). Classification
/// answers the (weighted) vote shares; regression the (weighted) mean of the standardised targets. With
/// <c>distance</c> weighting a vote weighs <c>1 / d</c>, and neighbours at distance zero, if any, outvote all others.
/// </summary>
internal sealed class KnnModel : IHostModel
{
    private const byte FormatVersion = 1;
    private const string Name = "knn model";

    private readonly TaskKind _task;
    private readonly int _classes;
    private readonly int _featureCount;
    private readonly int _rows;
    private readonly float[] _x;
    private readonly int[] _labels;
    private readonly float[] _targets;

    private KnnModel(TaskKind task, int classes, int featureCount, int rows, float[] x, int[] labels, float[] targets, KnnSettings settings)
    {
        (_task, _classes, _featureCount, _rows, _x, _labels, _targets) = (task, classes, featureCount, rows, x, labels, targets);
        Settings = settings;
    }

    public string Family => "knn";

    /// <summary>The stored rows times features, plus their labels or targets.</summary>
    public long ParameterCount => (long)_rows * _featureCount + _rows;

    /// <summary>The neighbour count (after the cap) and weighting.</summary>
    public KnnSettings Settings { get; }

    /// <summary>Keeps the rows, with the family's hyperparameters (<see cref="KnnSettings"/>).</summary>
    public static KnnModel Fit(HostFitData data, HyperparameterReader hp)
    {
        var settings = KnnSettings.Read(hp, data.Rows);
        if (data.Rows < 1) throw new ArgumentException("Nearest neighbours need at least one training row.", nameof(data));
        var x = data.Features.AsSpan(0, data.Rows * data.FeatureCount).ToArray();
        if (data.Task == TaskKind.Regression)
        {
            return new KnnModel(TaskKind.Regression, 1, data.FeatureCount, data.Rows, x, [], data.Targets!.AsSpan(0, data.Rows).ToArray(), settings);
        }
        var labels = data.Labels!.Take(data.Rows).Select(l => (int)l).ToArray();
        if (labels.Any(l => l < 0 || l >= data.Classes)) throw new ArgumentException($"Labels must lie in [0, {data.Classes}).", nameof(data));
        return new KnnModel(TaskKind.Classification, data.Classes, data.FeatureCount, data.Rows, x, labels, [], settings);
    }

    /// <summary>Query rows compared with one stored row while it is in cache (a tile of queries shares each pass over the rows).</summary>
    private const int QueryTile = 8;

    /// <summary>
    /// Class probabilities (row-major <c>[count, classes]</c>) or standardised values. Rows are scored in tiles of
    /// <see cref="QueryTile"/> in parallel: each pass over the stored rows serves every query of a tile, so the stored
    /// rows are read from memory once per tile instead of once per query. Each query's answer is the same as scored alone.
    /// </summary>
    public float[] Score(float[] features, int count)
    {
        var width = _task == TaskKind.Classification ? _classes : 1;
        var result = new float[(long)count * width];
        var tiles = (count + QueryTile - 1) / QueryTile;
        var k = Settings.Neighbours;
        Parallel.For(0, tiles, () => (new float[QueryTile * k], new int[QueryTile * k], new int[QueryTile]), (t, _, buffers) =>
        {
            var (distances, indices, found) = buffers;
            var start = t * QueryTile;
            var queries = Math.Min(QueryTile, count - start);
            Nearest(features.AsSpan(start * _featureCount, queries * _featureCount), queries, distances, indices, found);
            for (var q = 0; q < queries; q++)
            {
                Vote(distances.AsSpan(q * k, k), indices.AsSpan(q * k, k), result.AsSpan((start + q) * width, width));
            }
            return buffers;
        }, _ => { });
        return result;
    }

    /// <summary>Fills, for each of <paramref name="queries"/> rows, its k nearest rows in ascending (squared distance, row) order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Nearest(ReadOnlySpan<float> tile, int queries, float[] distances, int[] indices, int[] found)
    {
        var k = Settings.Neighbours;
        Array.Clear(found);
        for (var r = 0; r < _rows; r++)
        {
            var row = _x.AsSpan(r * _featureCount, _featureCount);
            for (var q = 0; q < queries; q++)
            {
                var d = SquaredDistance(tile.Slice(q * _featureCount, _featureCount), row);
                var best = distances.AsSpan(q * k, k);
                if (found[q] == k && !(d < best[k - 1])) continue;
                var rows = indices.AsSpan(q * k, k);
                var j = found[q] < k ? found[q]++ : k - 1;
                while (j > 0 && best[j - 1] > d)
                {
                    best[j] = best[j - 1];
                    rows[j] = rows[j - 1];
                    j--;
                }
                best[j] = d;
                rows[j] = r;
            }
        }
    }

    private void Vote(ReadOnlySpan<float> distances, ReadOnlySpan<int> indices, Span<float> output)
    {
        var exact = Settings.DistanceWeighted && distances[0] == 0;
        Span<double> sums = stackalloc double[output.Length];
        var total = 0.0;
        for (var n = 0; n < distances.Length; n++)
        {
            var weight = !Settings.DistanceWeighted ? 1.0 : exact ? (distances[n] == 0 ? 1.0 : 0.0) : 1.0 / Math.Sqrt(distances[n]);
            if (weight == 0) continue;
            if (_task == TaskKind.Classification) sums[_labels[indices[n]]] += weight;
            else sums[0] += weight * _targets[indices[n]];
            total += weight;
        }
        for (var c = 0; c < output.Length; c++) output[c] = (float)(sums[c] / total);
    }

    /// <summary><c>sum_j (a[j] - b[j])^2</c>, eight lanes at a time in a fixed order (the same on every machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        var acc = Vector256<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            var diff = va[i] - vb[i];
            acc += diff * diff;
        }
        var sum = 0f;
        for (var lane = 0; lane < Vector256<float>.Count; lane++) sum += acc.GetElement(lane);
        for (var i = va.Length * Vector256<float>.Count; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>
    /// A version byte, the shape (<see cref="HostModelHeader"/>), the row count and settings, then the rows and their
    /// labels or targets (little-endian).
    /// </summary>
    public byte[] Save() => HostModelBytes.Save(FormatVersion, writer =>
    {
        new HostModelHeader(_task, _classes, _featureCount).Write(writer);
        writer.Write(_rows);
        writer.Write(Settings.Neighbours);
        writer.Write(Settings.DistanceWeighted);
        HostModelBytes.WriteArray(writer, _x);
        if (_task == TaskKind.Classification) HostModelBytes.WriteArray(writer, _labels);
        else HostModelBytes.WriteArray(writer, _targets);
    });

    /// <summary>Reads a model written by <see cref="Save"/>, checking it against the artifact's shape.</summary>
    public static KnnModel Load(byte[] bytes, HostModelShape shape)
    {
        using var reader = HostModelBytes.Open(bytes, FormatVersion, Name);
        var (task, classes, features) = HostModelHeader.Read(reader, shape, Name);
        var rows = reader.ReadInt32();
        var settings = new KnnSettings(reader.ReadInt32(), reader.ReadBoolean());
        if (rows < 1 || settings.Neighbours < 1 || settings.Neighbours > rows)
        {
            throw new InvalidDataException($"The knn model's {rows} rows and {settings.Neighbours} neighbours are malformed.");
        }
        var x = HostModelBytes.ReadArray<float>(reader, rows * features, Name);
        var labels = task == TaskKind.Classification ? HostModelBytes.ReadArray<int>(reader, rows, Name) : [];
        var targets = task == TaskKind.Regression ? HostModelBytes.ReadArray<float>(reader, rows, Name) : [];
        if (labels.Any(l => l < 0 || l >= classes)) throw new InvalidDataException("The knn model's labels are out of range.");
        return new KnnModel(task, classes, features, rows, x, labels, targets, settings);
    }
}
