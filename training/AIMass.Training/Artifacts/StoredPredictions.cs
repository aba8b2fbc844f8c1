namespace AIMass.Training.Artifacts;

/// <summary>
/// A cross-validated model's predictions, kept in its artifact for ensemble selection: the out-of-fold outputs for
/// every training row (each from the fold model that did not see it) and the model's outputs for the internal test
/// rows, with the truths of both. Outputs are class probabilities (row-major, <see cref="Width"/> per row) or
/// standardised values (width 1), as the model's own outputs. Rows are 0-based indices of the data set.
/// </summary>
public sealed class StoredPredictions
{
    private const byte Version = 1;

    public required int Width { get; init; }
    public required int[] TrainRows { get; init; }
    public required float[] OutOfFold { get; init; }
    public required int[] TestRows { get; init; }
    public required float[] Test { get; init; }

    /// <summary>Label ids of the training rows (classification), else null.</summary>
    public long[]? TrainLabels { get; init; }

    /// <summary>Targets in original units of the training rows (regression), else null.</summary>
    public double[]? TrainTargets { get; init; }

    public long[]? TestLabels { get; init; }
    public double[]? TestTargets { get; init; }

    /// <summary>Whether two models' predictions cover the same training and test rows in the same order.</summary>
    public bool SameRows(StoredPredictions other) =>
        Width == other.Width && TrainRows.AsSpan().SequenceEqual(other.TrainRows) && TestRows.AsSpan().SequenceEqual(other.TestRows);

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(Version);
            w.Write(Width);
            WriteInts(w, TrainRows);
            WriteFloats(w, OutOfFold);
            WriteInts(w, TestRows);
            WriteFloats(w, Test);
            WriteLongs(w, TrainLabels);
            WriteDoubles(w, TrainTargets);
            WriteLongs(w, TestLabels);
            WriteDoubles(w, TestTargets);
        }
        return buffer.ToArray();
    }

    public static StoredPredictions FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (r.ReadByte() != Version) throw new InvalidDataException("The artifact's stored predictions have an unknown version.");
        return new StoredPredictions
        {
            Width = r.ReadInt32(),
            TrainRows = ReadInts(r)!,
            OutOfFold = ReadFloats(r),
            TestRows = ReadInts(r)!,
            Test = ReadFloats(r),
            TrainLabels = ReadLongs(r),
            TrainTargets = ReadDoubles(r),
            TestLabels = ReadLongs(r),
            TestTargets = ReadDoubles(r),
        };
    }

    private static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static void WriteLongs(BinaryWriter w, long[]? values)
    {
        w.Write(values?.Length ?? -1);
        foreach (var v in values ?? []) w.Write(v);
    }

    private static void WriteDoubles(BinaryWriter w, double[]? values)
    {
        w.Write(values?.Length ?? -1);
        foreach (var v in values ?? []) w.Write(v);
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[Count(r, 4)];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt32();
        return values;
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[Count(r, 4)];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadSingle();
        return values;
    }

    private static long[]? ReadLongs(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0) return null;
        CheckCount(r, n, 8);
        var values = new long[n];
        for (var i = 0; i < n; i++) values[i] = r.ReadInt64();
        return values;
    }

    private static double[]? ReadDoubles(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0) return null;
        CheckCount(r, n, 8);
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = r.ReadDouble();
        return values;
    }

    private static int Count(BinaryReader r, int size)
    {
        var n = r.ReadInt32();
        CheckCount(r, n, size);
        return n;
    }

    private static void CheckCount(BinaryReader r, int n, int size)
    {
        if (n < 0 || (long)n * size > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException("The artifact's stored predictions are truncated.");
    }
}
