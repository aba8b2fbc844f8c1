using AIMass.Optimization.MetaLearning;

namespace AIMass.Grains.MetaLearning;

/// <summary>
/// The knowledge base shipped with the service (built by <c>bench metalearn build</c>, copied next to the silo as
/// <c>Knowledge/prior-knowledge.json</c>). Missing or unreadable, it is empty and studies simply start cold.
/// </summary>
public sealed class PriorKnowledge
{
    public PriorKnowledge(string? path = null)
    {
        Path = path ?? System.IO.Path.Combine(AppContext.BaseDirectory, "Knowledge", "prior-knowledge.json");
        try
        {
            Base = File.Exists(Path) ? KnowledgeBase.Load(Path) : KnowledgeBase.Empty;
            Problem = File.Exists(Path) ? null : $"no prior knowledge file at {Path}";
        }
        catch (Exception e) when (e is IOException or ArgumentException or System.Text.Json.JsonException or InvalidDataException)
        {
            Base = KnowledgeBase.Empty;
            Problem = $"the prior knowledge file {Path} is unreadable: {e.Message}";
        }
    }

    public string Path { get; }

    public KnowledgeBase Base { get; }

    /// <summary>Why the prior is empty, if it is.</summary>
    public string? Problem { get; }
}
