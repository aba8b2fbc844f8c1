using System.Text.Json.Nodes;

namespace AIMass.Bench.Suites.Automl;

/// <summary>
/// One benchmark task of <c>bench/data/automl</c>: <c>TASK.train.csv</c> (all the CLI trains on), <c>TASK.test.csv</c>
/// (predicted and scored), <c>TASK.json</c> (target, kind) and the task's reference scores from <c>peers.json</c>.
/// </summary>
internal sealed record AutomlTask(
    string Name,
    string Target,
    string Kind,
    string TrainPath,
    string TestPath,
    JsonObject References,
    double BestReference)
{
    /// <summary>The tasks in <c>bench/data/automl</c>, in the order they run by default.</summary>
    public static readonly string[] All = ["digits", "iris", "diabetes", "movies", "birdstrikes", "flights"];

    /// <summary>The reference pipelines of <c>peers.json</c> reported per task, when the task has them.</summary>
    private static readonly string[] ReferenceNames = ["sklearn_defaults", "optuna_sklearn_cv", "optuna_torch_mlp"];

    public bool IsClassification => Kind == "classification";

    /// <summary><c>accuracy</c> for classification, <c>rmse</c> for regression.</summary>
    public string Metric => IsClassification ? "accuracy" : "rmse";

    public bool HigherIsBetter => IsClassification;

    /// <summary>The data folder inside the repository.</summary>
    public static string Folder(string repositoryRoot) => Path.Combine(repositoryRoot, "bench", "data", "automl");

    public static JsonObject LoadPeers(string folder)
    {
        var path = Path.Combine(folder, "peers.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"The reference scores '{path}' are missing.", path);
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    public static AutomlTask Load(string folder, string name, JsonObject peers)
    {
        var train = Path.Combine(folder, $"{name}.train.csv");
        var test = Path.Combine(folder, $"{name}.test.csv");
        var definition = Path.Combine(folder, $"{name}.json");
        foreach (var file in new[] { train, test, definition })
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"Task '{name}': '{file}' is missing.", file);
        }
        var json = JsonNode.Parse(File.ReadAllText(definition))!.AsObject();
        var target = json["target"]?.GetValue<string>() ?? throw new FormatException($"'{definition}' has no 'target'.");
        var kind = json["kind"]?.GetValue<string>() ?? throw new FormatException($"'{definition}' has no 'kind'.");
        if (kind is not ("classification" or "regression")) throw new FormatException($"'{definition}': kind '{kind}' is neither classification nor regression.");

        var peer = peers["tasks"]?[name]?.AsObject() ?? throw new FormatException($"peers.json has no task '{name}'.");
        if (peer["kind"]?.GetValue<string>() is { } peerKind && peerKind != kind)
        {
            throw new FormatException($"Task '{name}' is {kind} in its JSON but {peerKind} in peers.json.");
        }
        var references = new JsonObject();
        foreach (var reference in ReferenceNames)
        {
            if (peer[reference]?["test"] is { } score) references[reference] = score.GetValue<double>();
        }
        var best = peer["best_reference"]?.GetValue<double>() ?? throw new FormatException($"peers.json: task '{name}' has no best_reference.");
        references["best_reference"] = best;
        return new AutomlTask(name, target, kind, train, test, references, best);
    }

    /// <summary>
    /// Whether a score reaches the best reference, compared at the references' precision (4 decimals): at or above
    /// for accuracy, at or below for RMSE.
    /// </summary>
    public bool AtOrAboveBestReference(double? score) => score is { } s && double.IsFinite(s) &&
        (HigherIsBetter ? Round4(s) >= BestReference : Round4(s) <= BestReference);

    public static double Round4(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
