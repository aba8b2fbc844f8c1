using System.Runtime.InteropServices;
using AIMass.Training.Models.Forest;
using AIMass.Training.Models.Host;
using AIMass.Training.Models.Kernel;
using AIMass.Training.Models.Knn;
using AIMass.Training.Models.LinearModels;

namespace AIMass.Training.Tests.Models.Host;

/// <summary>
/// Pins the byte layout of the knn, linear, krr and forest models: bytes written field by field in the documented
/// order load, score as expected and save back byte for byte, so artifacts already written keep loading.
/// </summary>
public sealed class HostModelFormatTests
{
    [Fact]
    public void Knn_bytes_keep_their_layout()
    {
        // version, task, classes, features, rows, neighbours, distance weighted, rows of features, labels
        var bytes = Bytes(w =>
        {
            w.Write((byte)1);
            w.Write((int)TaskKind.Classification);
            w.Write(2);
            w.Write(1);
            w.Write(2);
            w.Write(1);
            w.Write(false);
            Span([0f, 10f], w);
            Span([0, 1], w);
        });
        var shape = new HostModelShape(TaskKind.Classification, 2, 1, 6);
        var model = KnnModel.Load(bytes, shape);
        Assert.Equal([1f, 0f, 0f, 1f], model.Score([1f, 9f], 2));
        Assert.Equal(bytes, model.Save());
        Assert.Throws<InvalidDataException>(() => KnnModel.Load(bytes[..^1], shape));
        Assert.Throws<InvalidDataException>(() => KnnModel.Load(bytes, shape with { Classes = 3 }));
    }

    [Fact]
    public void Linear_bytes_keep_their_layout()
    {
        // version, task, classes, features, vectors, weights, intercepts
        var bytes = Bytes(w =>
        {
            w.Write((byte)1);
            w.Write((int)TaskKind.Regression);
            w.Write(1);
            w.Write(2);
            w.Write(1);
            Span([2.0, -1.0], w);
            Span([0.5], w);
        });
        var shape = new HostModelShape(TaskKind.Regression, 1, 2, 3);
        var model = LinearModel.Load(bytes, shape);
        Assert.Equal([2 * 3f - 1 * 4f + 0.5f], model.Score([3f, 4f], 1));
        Assert.Equal(bytes, model.Save());
        Assert.Throws<InvalidDataException>(() => LinearModel.Load(bytes[..^1], shape));
        Assert.Throws<InvalidDataException>(() => LinearModel.Load(bytes, shape with { Task = TaskKind.Classification, Classes = 2 }));
    }

    [Fact]
    public void Kernel_ridge_bytes_keep_their_layout()
    {
        // version, task, classes, features, rows, alpha, gamma, offsets, support rows as floats, dual coefficients
        var bytes = Bytes(w =>
        {
            w.Write((byte)1);
            w.Write((int)TaskKind.Regression);
            w.Write(1);
            w.Write(1);
            w.Write(2);
            w.Write(0.25);
            w.Write(1.0);
            Span([0.5], w);
            Span([0f, 1f], w);
            Span([2.0, -1.0], w);
        });
        var shape = new HostModelShape(TaskKind.Regression, 1, 1, 4);
        var model = KernelRidgeModel.Load(bytes, shape);
        Assert.Equal((float)(0.5 + 2.0 - Math.Exp(-1)), model.Score([0f], 1)[0], 6);
        Assert.Equal(bytes, model.Save());
        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes[..^1], shape));
        Assert.Throws<InvalidDataException>(() => KernelRidgeModel.Load(bytes, shape with { FeatureCount = 2 }));
    }

    [Fact]
    public void Forest_bytes_keep_their_layout()
    {
        // version, extra, task, width, features, trees, nodes, values, roots, split features, thresholds, links, leaf values
        var bytes = Bytes(w =>
        {
            w.Write((byte)1);
            w.Write(true);
            w.Write((int)TaskKind.Regression);
            w.Write(1);
            w.Write(1);
            w.Write(1);
            w.Write(3);
            w.Write(2);
            Span([0], w);
            Span([0, -1, -1], w);
            Span([0.5f, 0f, 0f], w);
            Span([2, 0, 1], w);
            Span([10f, 20f], w);
        });
        var shape = new HostModelShape(TaskKind.Regression, 1, 1, 4);
        var model = ForestModel.Load(bytes, shape, extra: true);
        Assert.Equal([10f, 20f], model.Score([0.2f, 0.9f], 2));
        Assert.Equal(bytes, model.Save());
        Assert.Throws<InvalidDataException>(() => ForestModel.Load(bytes[..^1], shape, extra: true));
        Assert.Throws<InvalidDataException>(() => ForestModel.Load(bytes, shape, extra: false));
        Assert.Throws<InvalidDataException>(() => ForestModel.Load(bytes, shape with { Task = TaskKind.Classification, Classes = 2 }, extra: true));
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) write(writer);
        return buffer.ToArray();
    }

    private static void Span<T>(T[] values, BinaryWriter writer) where T : unmanaged => writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
}
