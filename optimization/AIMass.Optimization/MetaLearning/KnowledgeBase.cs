using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// The meta-learner's memory: one <see cref="KnowledgeEntry"/> per finished task. Immutable: <see cref="With"/> and
/// <see cref="Where"/> return new knowledge bases. Stored as JSON (<see cref="ToJson"/>, <see cref="FromJson"/>); the
/// shipped prior is such a file, built by <c>bench metalearn build</c>. An entry is identified by its
/// <see cref="KnowledgeEntry.Owner"/> and <see cref="KnowledgeEntry.TaskId"/>, which must be unique together.
/// </summary>
public sealed class KnowledgeBase
{
    /// <summary>The JSON format's version, written into every file.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
    };

    /// <summary>Creates a knowledge base; throws <see cref="ArgumentException"/> naming the first invalid entry.</summary>
    public KnowledgeBase(IEnumerable<KnowledgeEntry> entries, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var keys = new HashSet<(string?, string)>();
        for (var i = 0; i < list.Count; i++)
        {
            var problem = KnowledgeValidation.Problem(list[i]);
            if (problem is null && !keys.Add((list[i].Owner, list[i].TaskId)))
            {
                problem = $"another entry of the same owner has task id '{list[i].TaskId}'";
            }
            if (problem is not null)
            {
                throw new ArgumentException($"Knowledge entry {i}{(list[i]?.TaskId is { } id ? $" ('{id}')" : "")}: {problem}.", nameof(entries));
            }
        }
        Entries = list;
        Source = source;
    }

    /// <summary>A knowledge base with no entries.</summary>
    public static KnowledgeBase Empty { get; } = new([]);

    /// <summary>Every entry, in insertion order.</summary>
    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>How the knowledge base was made (e.g. <c>metalearn build --seed 1</c>), for reading; may be <c>null</c>.</summary>
    public string? Source { get; }

    /// <summary>The number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>The entries <paramref name="requester"/> may use (see <see cref="KnowledgeEntry.IsVisibleTo"/>).</summary>
    public IEnumerable<KnowledgeEntry> VisibleTo(string? requester) => Entries.Where(e => e.IsVisibleTo(requester));

    /// <summary>This knowledge base with <paramref name="entry"/> added, replacing an entry of the same owner and task id in place.</summary>
    public KnowledgeBase With(KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var list = Entries.ToList();
        var at = list.FindIndex(e => e.Owner == entry.Owner && e.TaskId == entry.TaskId);
        if (at >= 0) list[at] = entry;
        else list.Add(entry);
        return new KnowledgeBase(list, Source);
    }

    /// <summary>This knowledge base keeping only the entries that satisfy <paramref name="keep"/>.</summary>
    public KnowledgeBase Where(Func<KnowledgeEntry, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new KnowledgeBase(Entries.Where(keep), Source);
    }

    /// <summary>The JSON form (indented, camelCase, entries in order).</summary>
    public string ToJson() => JsonSerializer.Serialize(new KnowledgeFile { Format = FormatVersion, Source = Source, Entries = Entries }, Json);

    /// <summary>
    /// Reads the JSON form written by <see cref="ToJson"/>. Throws <see cref="InvalidDataException"/> naming the problem
    /// when the text is not such a document, its format version is unknown, or an entry is invalid.
    /// </summary>
    public static KnowledgeBase FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        KnowledgeFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KnowledgeFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The knowledge base JSON cannot be read: {e.Message}", e);
        }
        if (file is null) throw new InvalidDataException("The knowledge base JSON is empty (null).");
        if (file.Format != FormatVersion)
        {
            throw new InvalidDataException($"The knowledge base has format version {file.Format}; this build reads version {FormatVersion}.");
        }
        try
        {
            return new KnowledgeBase(file.Entries, file.Source);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The knowledge base is invalid: {e.Message}", e);
        }
    }

    /// <summary>Reads a knowledge base file (see <see cref="FromJson"/>).</summary>
    public static KnowledgeBase Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return FromJson(File.ReadAllText(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes the JSON form to <paramref name="path"/> (creating its folder), with a final newline.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson() + "\n");
    }

    private sealed class KnowledgeFile
    {
        public int Format { get; init; }

        public string? Source { get; init; }

        public required IReadOnlyList<KnowledgeEntry> Entries { get; init; }
    }
}
