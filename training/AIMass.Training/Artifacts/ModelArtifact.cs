using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AIMass.Training.Preprocessing;

namespace AIMass.Training.Artifacts;

/// <summary>
/// A trained model as one zip: <c>metadata.json</c> (<see cref="ArtifactMetadata"/>: architecture and
/// hyperparameters, label mapping, metrics, parameter count, latency, size), <c>preprocessing.json</c> (the fitted
/// <see cref="TabularPreprocessor"/>) and <c>weights.bin</c> (the module's state in TorchSharp's own format, or a host
/// model's bytes). A bag or an ensemble has no weights of its own: its members are whole artifacts in
/// <c>members/{i}.zip</c> (sharing its preprocessing), weighted as <see cref="ArtifactMetadata.Members"/> says. A
/// cross-validated model may carry <c>predictions.bin</c> (<see cref="StoredPredictions"/>) for ensemble selection. Entries
/// carry a fixed timestamp, so equal models give equal bytes apart from the creation time and measured latency.
/// Immutable; load it for prediction with <see cref="Inference.Predictor"/>.
/// </summary>
public sealed class ModelArtifact
{
    /// <summary>Entry names in the zip.</summary>
    public const string MetadataEntry = "metadata.json", PreprocessingEntry = "preprocessing.json", WeightsEntry = "weights.bin",
        PredictionsEntry = "predictions.bin", MemberPrefix = "members/";

    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly byte[] _bytes;

    private ModelArtifact(ArtifactMetadata metadata, TabularPreprocessor preprocessing, byte[] weights, byte[] bytes,
        IReadOnlyList<ModelArtifact>? members = null, StoredPredictions? predictions = null)
    {
        Metadata = metadata;
        Preprocessing = preprocessing;
        Weights = weights;
        _bytes = bytes;
        Members = members ?? Array.Empty<ModelArtifact>();
        Predictions = predictions;
    }

    /// <summary>The members of a bag or an ensemble (weights in <see cref="ArtifactMetadata.Members"/>); empty for one model.</summary>
    public IReadOnlyList<ModelArtifact> Members { get; }

    /// <summary>Out-of-fold and test predictions of a cross-validated model, or null.</summary>
    public StoredPredictions? Predictions { get; }

    /// <summary>The metadata (its <see cref="ArtifactMetadata.SizeBytes"/> is this zip's size).</summary>
    public ArtifactMetadata Metadata { get; }

    /// <summary>The fitted preprocessing.</summary>
    public TabularPreprocessor Preprocessing { get; }

    /// <summary>The weights in TorchSharp's format.</summary>
    internal byte[] Weights { get; }

    /// <summary>Size of the zip in bytes.</summary>
    public long SizeBytes => _bytes.LongLength;

    /// <summary>Builds the artifact, recording its own zip size in the metadata.</summary>
    internal static ModelArtifact Create(ArtifactMetadata metadata, TabularPreprocessor preprocessing, byte[] weights) =>
        Create(metadata, preprocessing, weights, Array.Empty<ModelArtifact>(), null);

    /// <summary>
    /// Builds a bag or an ensemble: <paramref name="metadata"/>'s <see cref="ArtifactMetadata.Members"/> describe
    /// <paramref name="members"/> in order. Members are stored without their own stored predictions.
    /// </summary>
    internal static ModelArtifact CreateComposite(ArtifactMetadata metadata, TabularPreprocessor preprocessing, IReadOnlyList<ModelArtifact> members, StoredPredictions? predictions)
    {
        if (members.Count == 0 || members.Count != metadata.Members.Count) throw new ArgumentException($"{members.Count} member artifacts for {metadata.Members.Count} described members.", nameof(members));
        return Create(metadata, preprocessing, Array.Empty<byte>(), members.Select(m => m.WithoutPredictions()).ToList(), predictions);
    }

    /// <summary>The same model with other stored predictions (or none).</summary>
    internal ModelArtifact WithPredictions(StoredPredictions? predictions) =>
        Create(Metadata, Preprocessing, Weights, Members, predictions);

    /// <summary>The same model without stored predictions (what a bag or an ensemble keeps of a member).</summary>
    public ModelArtifact WithoutPredictions() => Predictions is null ? this : WithPredictions(null);

    private static ModelArtifact Create(ArtifactMetadata metadata, TabularPreprocessor preprocessing, byte[] weights,
        IReadOnlyList<ModelArtifact> members, StoredPredictions? predictions)
    {
        var preprocessingJson = preprocessing.ToJson();
        var predictionBytes = predictions?.ToBytes();
        var meta = metadata with { WeightsBytes = weights.LongLength, SizeBytes = 0 };
        var bytes = Zip(meta, preprocessingJson, weights, members, predictionBytes);
        for (var i = 0; meta.SizeBytes != bytes.LongLength; i++)
        {
            if (i == 8) throw new InvalidOperationException("The artifact's size did not settle.");
            meta = meta with { SizeBytes = bytes.LongLength };
            bytes = Zip(meta, preprocessingJson, weights, members, predictionBytes);
        }
        return new ModelArtifact(meta, preprocessing, weights, bytes, members, predictions);
    }

    /// <summary>Writes the zip to a stream.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_bytes);
    }

    /// <summary>Writes the zip to a file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, _bytes);

    /// <summary>The zip's bytes (a copy).</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Reads an artifact zip; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static ModelArtifact Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = stream.CanSeek ? new MemoryStream(checked((int)Math.Max(0, stream.Length - stream.Position))) : new MemoryStream();
        stream.CopyTo(copy);
        return Load(copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray());
    }

    /// <summary>Reads an artifact zip held in <paramref name="bytes"/> (kept, not copied: the caller gives it up).</summary>
    private static ModelArtifact Load(byte[] bytes)
    {
        using var zip = OpenZip(new MemoryStream(bytes, writable: false));
        var metadata = ReadMetadata(zip);
        var preprocessing = TabularPreprocessor.FromJson(ReadText(zip, PreprocessingEntry));
        var weights = ReadBytes(zip, WeightsEntry);
        var members = new List<ModelArtifact>();
        for (var i = 0; i < metadata.Members.Count; i++)
        {
            members.Add(Load(ReadBytes(zip, $"{MemberPrefix}{i}.zip")));
        }
        var predictions = zip.GetEntry(PredictionsEntry) is null ? null : StoredPredictions.FromBytes(ReadBytes(zip, PredictionsEntry));
        return new ModelArtifact(metadata, preprocessing, weights, bytes, members, predictions);
    }

    /// <summary>Reads an artifact file.</summary>
    public static ModelArtifact Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads only the metadata of an artifact zip (the weights are not read).</summary>
    public static ArtifactMetadata ReadMetadata(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = OpenZip(stream, leaveOpen: true);
        return ReadMetadata(zip);
    }

    private static ArtifactMetadata ReadMetadata(ZipArchive zip)
    {
        var metadata = JsonSerializer.Deserialize<ArtifactMetadata>(ReadText(zip, MetadataEntry), ArtifactJson.Options)
                       ?? throw new InvalidDataException($"The artifact's {MetadataEntry} is empty.");
        if (metadata.FormatVersion > ArtifactMetadata.CurrentFormatVersion)
        {
            throw new InvalidDataException($"The artifact has format version {metadata.FormatVersion}; this library reads up to {ArtifactMetadata.CurrentFormatVersion}.");
        }
        return metadata;
    }

    private static byte[] Zip(ArtifactMetadata metadata, string preprocessingJson, byte[] weights, IReadOnlyList<ModelArtifact> members, byte[]? predictions)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // Stored, not deflated: the zip's size then depends only on the metadata's length, so the size the metadata
            // records can be made exact (deflate output could oscillate by a byte as the recorded size changes).
            Add(zip, MetadataEntry, JsonSerializer.SerializeToUtf8Bytes(metadata, ArtifactJson.Options), CompressionLevel.NoCompression);
            Add(zip, PreprocessingEntry, Encoding.UTF8.GetBytes(preprocessingJson), CompressionLevel.Optimal);
            Add(zip, WeightsEntry, weights, CompressionLevel.NoCompression);
            for (var i = 0; i < members.Count; i++) Add(zip, $"{MemberPrefix}{i}.zip", members[i]._bytes, CompressionLevel.NoCompression);
            if (predictions is not null) Add(zip, PredictionsEntry, predictions, CompressionLevel.Optimal);
        }
        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static ZipArchive OpenZip(Stream stream, bool leaveOpen = false)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("The stream is not a model artifact (not a zip archive).", e);
        }
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"The artifact has no '{name}' entry.");

    private static string ReadText(ZipArchive zip, string name) => Encoding.UTF8.GetString(ReadBytes(zip, name));

    /// <summary>An entry's bytes, read straight into an array of the size the zip records (which must be right).</summary>
    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        var entry = Entry(zip, name);
        if (entry.Length > Array.MaxLength) throw new InvalidDataException($"The artifact's '{name}' entry is too large ({entry.Length} bytes).");
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The artifact's '{name}' entry is shorter than its recorded {entry.Length} bytes.", e);
        }
        if (stream.ReadByte() != -1) throw new InvalidDataException($"The artifact's '{name}' entry is longer than its recorded {entry.Length} bytes.");
        return bytes;
    }
}
