using AIMass.Optimization.MetaLearning;

namespace AIMass.Optimization.Tests.MetaLearning;

/// <summary>Small knowledge entries for the meta-learning tests.</summary>
internal static class KnowledgeFixtures
{
    public static Dictionary<string, double> Features(double rows, double landmark, double isImage = 0, double classes = 3) => new()
    {
        ["rows"] = rows,
        ["log_rows"] = Math.Log(rows),
        ["classes"] = classes,
        ["landmark_1nn"] = landmark,
        ["landmark_linear"] = landmark * 0.9,
        ["is_image"] = isImage,
    };

    public static Dictionary<string, string> Config(string family, double lr) => new()
    {
        ["family"] = family,
        ["lr"] = lr.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An entry whose top configurations are <c>{prefix}-0, {prefix}-1, ...</c> (family names), best first.</summary>
    public static KnowledgeEntry Entry(string id, Dictionary<string, double> features, string prefix, int top = 3,
        string task = "classification", string? owner = null, bool shared = true, string? dataSet = null) =>
        KnowledgeEntry.FromTrials(id, task, features,
            Enumerable.Range(0, top + 2).Select(i => new ObservedTrial(Config($"{prefix}-{i}", 0.01), 0.9 - 0.1 * i, [0.5, 0.8 - 0.1 * i])),
            top, owner, shared, dataSet, task == "classification" ? "accuracy" : "r2");
}
