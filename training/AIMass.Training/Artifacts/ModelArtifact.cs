using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AIMass.Training.Preprocessing;

namespace AIMass.Training.Artifacts;

/// <summary>
/// A trained model as one zip: <c>metadata.json</c> (<see cref="ArtifactMetadata"/>: architecture and
/// hyperparameters, label mapping, metrics, parameter count, latency, size), <c>preprocessing.json</c> (the fitted
/// <see cref="TabularPreprocessor"/>) and <c>weights.bin</c> (the module's state in TorchSharp's own format). Entries
/// carry a fixed timestamp, so equal models give equal bytes apart from the creation time and measured latency.
/// Immutable; load it for prediction with <see cref="Inference.Predictor"/>.
/// </summary>
public sealed class ModelArtifact
{
    /// <summary>Entry names in the zip.</summary>
    public const string MetadataEntry = "metadata.json", PreprocessingEntry = "preprocessing.json", WeightsEntry = "weights.bin";

    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly byte[] _bytes;

    private ModelArtifact(ArtifactMetadata metadata, TabularPreprocessor preprocessing, byte[] weights, byte[] bytes)
    {
        Metadata = metadata;
        Preprocessing = preprocessing;
        Weights = weights;
        _bytes = bytes;
    }

    /// <summary>The metadata (its <see cref="ArtifactMetadata.SizeBytes"/> is this zip's size).</summary>
    public ArtifactMetadata Metadata { get; }

    /// <summary>The fitted preprocessing.</summary>
    public TabularPreprocessor Preprocessing { get; }

    /// <summary>The weights in TorchSharp's format.</summary>
    internal byte[] Weights { get; }

    /// <summary>Size of the zip in bytes.</summary>
    public long SizeBytes => _bytes.LongLength;

    /// <summary>Builds the artifact, recording its own zip size in the metadata.</summary>
    internal static ModelArtifact Create(ArtifactMetadata metadata, TabularPreprocessor preprocessing, byte[] weights)
    {
        var preprocessingJson = preprocessing.ToJson();
        var meta = metadata with { WeightsBytes = weights.LongLength, SizeBytes = 0 };
        var bytes = Zip(meta, preprocessingJson, weights);
        for (var i = 0; meta.SizeBytes != bytes.LongLength; i++)
        {
            if (i == 8) throw new InvalidOperationException("The artifact's size did not settle.");
            meta = meta with { SizeBytes = bytes.LongLength };
            bytes = Zip(meta, preprocessingJson, weights);
        }
        return new ModelArtifact(meta, preprocessing, weights, bytes);
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
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        using var zip = OpenZip(new MemoryStream(bytes, writable: false));
        var metadata = ReadMetadata(zip);
        var preprocessing = TabularPreprocessor.FromJson(ReadText(zip, PreprocessingEntry));
        var weights = ReadBytes(zip, WeightsEntry);
        return new ModelArtifact(metadata, preprocessing, weights, bytes);
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

    private static byte[] Zip(ArtifactMetadata metadata, string preprocessingJson, byte[] weights)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // Stored, not deflated: the zip's size then depends only on the metadata's length, so the size the metadata
            // records can be made exact (deflate output could oscillate by a byte as the recorded size changes).
            Add(zip, MetadataEntry, JsonSerializer.SerializeToUtf8Bytes(metadata, ArtifactJson.Options), CompressionLevel.NoCompression);
            Add(zip, PreprocessingEntry, Encoding.UTF8.GetBytes(preprocessingJson), CompressionLevel.Optimal);
            Add(zip, WeightsEntry, weights, CompressionLevel.NoCompression);
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

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = Entry(zip, name).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
