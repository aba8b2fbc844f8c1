using System.Runtime.CompilerServices;
using AIMass.Training.Configuration;
using AIMass.Training.Models.Host;

namespace AIMass.Training.Models.Forest;

/// <summary>
/// A random forest (<c>rf</c>) or extra trees (<c>et</c>), fitted and scored on the host (see <see cref="ForestTreeBuilder"/>
/// for how a tree grows). Classification leaves hold class distributions and a row's probabilities are the mean of
/// its leaves' distributions; regression leaves hold mean standardised targets, averaged over the trees. Tree
/// <c>t</c> draws every random choice from a generator seeded by the fit's seed and <c>t</c>, so trees may grow in
/// parallel and the forest is still the same for equal seeds. All trees live in flat preorder arrays.
/// </summary>
internal sealed class ForestModel : IHostModel
{
    private const byte FormatVersion = 1;
    private const string Name = "forest";

    private readonly TaskKind _task;
    private readonly int _width;
    private readonly int _featureCount;
    private readonly int[] _roots;
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _next;
    private readonly float[] _values;

    private ForestModel(bool extra, TaskKind task, int width, int featureCount, int[] roots, int[] feature, float[] threshold, int[] next, float[] values)
    {
        Extra = extra;
        (_task, _width, _featureCount) = (task, width, featureCount);
        (_roots, _feature, _threshold, _next, _values) = (roots, feature, threshold, next, values);
        var leaves = feature.Count(f => f < 0);
        ParameterCount = 2L * (feature.Length - leaves) + (long)leaves * width;
    }

    /// <summary>Whether these are extra trees (<c>et</c>) rather than a random forest (<c>rf</c>).</summary>
    public bool Extra { get; }

    public string Family => Extra ? "et" : "rf";

    /// <summary>A split feature and threshold per internal node, plus the leaf values (classes per leaf, or 1).</summary>
    public long ParameterCount { get; }

    /// <summary>Trees in the forest.</summary>
    public int Trees => _roots.Length;

    /// <summary>Nodes over all trees.</summary>
    public int Nodes => _feature.Length;

    /// <summary>Fits a forest on the rows with the families' hyperparameters (<see cref="ForestSettings"/>).</summary>
    public static ForestModel Fit(HostFitData data, HyperparameterReader hp, bool extra)
    {
        var settings = ForestSettings.Read(hp, data.Task, data.FeatureCount);
        if (data.Rows < 1) throw new ArgumentException("A forest needs at least one training row.", nameof(data));
        var classification = data.Task == TaskKind.Classification;
        var labels = classification ? data.Labels!.Select(l => (int)l).ToArray() : null;
        if (labels is not null && labels.Any(l => l < 0 || l >= data.Classes))
        {
            throw new ArgumentException($"Labels must lie in [0, {data.Classes}).", nameof(data));
        }
        var set = new ForestTrainingSet(data.Rows, data.FeatureCount, labels, classification ? null : data.Targets!, data.OutputWidth,
            extra ? null : ForestBins.Build(data.Features, data.Rows, data.FeatureCount, data.Threads),
            extra ? data.Features : null,
            extra ? Columns(data.Features, data.Rows, data.FeatureCount) : null,
            settings.FeaturesPerSplit(data.FeatureCount));
        var trees = new ForestTree[settings.Trees];
        Parallel.For(0, trees.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, data.Threads) },
            t => trees[t] = ForestTreeBuilder.Grow(set, settings, extra, new Random(TreeSeed(data.Seed, t))));
        return Join(extra, data.Task, data.OutputWidth, data.FeatureCount, trees);
    }

    /// <summary>Rows scored by one worker at a time.</summary>
    private const int ScoreChunk = 256;

    /// <summary>
    /// Class probabilities (row-major <c>[count, classes]</c>) or standardised values for row-major features; chunks of
    /// rows are scored in parallel (each row's answer does not depend on the others).
    /// </summary>
    public float[] Score(float[] features, int count)
    {
        var result = new float[(long)count * _width];
        var chunks = (count + ScoreChunk - 1) / ScoreChunk;
        Parallel.For(0, chunks, () => new double[_width], (c, _, sums) =>
        {
            ScoreRows(features, c * ScoreChunk, Math.Min(count, (c + 1) * ScoreChunk), sums, result);
            return sums;
        }, _ => { });
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreRows(float[] features, int start, int end, double[] sums, float[] result)
    {
        for (var row = start; row < end; row++)
        {
            var x = features.AsSpan(row * _featureCount, _featureCount);
            Array.Clear(sums);
            foreach (var root in _roots)
            {
                var node = root;
                while (_feature[node] >= 0) node = x[_feature[node]] <= _threshold[node] ? node + 1 : _next[node];
                var leaf = _values.AsSpan(_next[node], _width);
                for (var k = 0; k < _width; k++) sums[k] += leaf[k];
            }
            var total = _task == TaskKind.Classification ? sums.Sum() : _roots.Length;
            for (var k = 0; k < _width; k++) result[row * _width + k] = (float)(sums[k] / total);
        }
    }

    /// <summary>
    /// The forest as a version byte, whether it is extra trees, its shape (<see cref="HostModelHeader"/>, the width as the
    /// classes), its tree, node and leaf value counts, then its flat arrays (little-endian).
    /// </summary>
    public byte[] Save() => HostModelBytes.Save(FormatVersion, writer =>
    {
        writer.Write(Extra);
        new HostModelHeader(_task, _width, _featureCount).Write(writer);
        writer.Write(_roots.Length);
        writer.Write(_feature.Length);
        writer.Write(_values.Length);
        HostModelBytes.WriteArray(writer, _roots);
        HostModelBytes.WriteArray(writer, _feature);
        HostModelBytes.WriteArray(writer, _threshold);
        HostModelBytes.WriteArray(writer, _next);
        HostModelBytes.WriteArray(writer, _values);
    });

    /// <summary>Reads a forest written by <see cref="Save"/>, checking it against the artifact's shape.</summary>
    public static ForestModel Load(byte[] bytes, HostModelShape shape, bool extra)
    {
        using var reader = HostModelBytes.Open(bytes, FormatVersion, Name);
        var storedExtra = reader.ReadBoolean();
        if (storedExtra != extra)
        {
            throw new InvalidDataException($"The forest is {(storedExtra ? "et" : "rf")}, the artifact {(extra ? "et" : "rf")}.");
        }
        var (task, width, features) = HostModelHeader.Read(reader, shape, Name);
        var (trees, nodes, values) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var model = new ForestModel(extra, task, width, features, HostModelBytes.ReadArray<int>(reader, trees, Name),
            HostModelBytes.ReadArray<int>(reader, nodes, Name), HostModelBytes.ReadArray<float>(reader, nodes, Name),
            HostModelBytes.ReadArray<int>(reader, nodes, Name), HostModelBytes.ReadArray<float>(reader, values, Name));
        model.Validate();
        return model;
    }

    /// <summary>Seeds tree <paramref name="tree"/>'s generator from the fit's seed (SplitMix64, stable across runs and machines).</summary>
    internal static int TreeSeed(int seed, int tree)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)tree) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static float[] Columns(float[] x, int rows, int features)
    {
        var columns = new float[(long)rows * features];
        for (var i = 0; i < rows; i++)
        {
            for (var f = 0; f < features; f++) columns[(long)f * rows + i] = x[(long)i * features + f];
        }
        return columns;
    }

    /// <summary>Concatenates the trees, turning their local right-child and value offsets into global ones.</summary>
    private static ForestModel Join(bool extra, TaskKind task, int width, int featureCount, ForestTree[] trees)
    {
        var nodes = trees.Sum(t => t.Nodes);
        var (roots, feature, threshold, next) = (new int[trees.Length], new int[nodes], new float[nodes], new int[nodes]);
        var values = new float[trees.Sum(t => t.Values.Length)];
        int nodeBase = 0, valueBase = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            roots[t] = nodeBase;
            for (var i = 0; i < tree.Nodes; i++)
            {
                feature[nodeBase + i] = tree.Feature[i];
                threshold[nodeBase + i] = tree.Threshold[i];
                next[nodeBase + i] = tree.Next[i] + (tree.Feature[i] < 0 ? valueBase : nodeBase);
            }
            tree.Values.CopyTo(values, valueBase);
            nodeBase += tree.Nodes;
            valueBase += tree.Values.Length;
        }
        return new ForestModel(extra, task, width, featureCount, roots, feature, threshold, next, values);
    }

    /// <summary>Rejects a forest whose links leave its arrays (scoring would read out of range or loop).</summary>
    private void Validate()
    {
        for (var i = 0; i < _feature.Length; i++)
        {
            var leaf = _feature[i] < 0;
            var ok = leaf
                ? _next[i] >= 0 && _next[i] + _width <= _values.Length
                : _feature[i] < _featureCount && i + 1 < _feature.Length && _next[i] > i + 1 && _next[i] < _feature.Length;
            if (!ok) throw new InvalidDataException($"The forest's node {i} is malformed.");
        }
        if (_roots.Any(r => r < 0 || r >= _feature.Length)) throw new InvalidDataException("The forest's roots are malformed.");
    }
}
