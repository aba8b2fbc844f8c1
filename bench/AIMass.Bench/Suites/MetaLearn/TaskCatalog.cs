using AIMass.Training.Data;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// The tasks the prior knowledge base is built from: the bundled data sets (iris; digits as a table and as 1x8x8
/// images; diabetes) and the generated family of <see cref="TaskGenerator"/> for a seed. Generated tables are written as
/// CSV into a temporary folder and read back, as the service reads uploaded data. Split seeds are fixed per task
/// (derived from the seed and the task id), so the build and the evaluation score trials on the same splits.
/// </summary>
internal static class TaskCatalog
{
    public static IReadOnlyList<MetaTask> Create(string repositoryRoot, int seed, string folder)
    {
        var tasks = new List<MetaTask>();
        CsvTable Sample(string name) => CsvTable.Load(Path.Combine(repositoryRoot, "samples", name));
        var digits = Sample("digits.csv");
        tasks.Add(new MetaTask("iris", "iris", "classification", Sample("iris.csv"), "species", null, SplitSeed(seed, "iris")));
        tasks.Add(new MetaTask("digits-table", "digits", "classification", digits, "digit", null, SplitSeed(seed, "digits-table")));
        tasks.Add(new MetaTask("digits-image", "digits", "classification", digits, "digit", new ImageShape(1, 8, 8), SplitSeed(seed, "digits-image")));
        tasks.Add(new MetaTask("diabetes", "diabetes", "regression", Sample("diabetes.csv"), "progression", null, SplitSeed(seed, "diabetes")));
        Directory.CreateDirectory(folder);
        foreach (var generated in TaskGenerator.Generate(seed))
        {
            var path = Path.Combine(folder, generated.Id + ".csv");
            using (var writer = new StreamWriter(path)) generated.Table.WriteCsv(writer);
            tasks.Add(new MetaTask(generated.Id, generated.Id, generated.Task, CsvTable.Load(path), generated.Target, generated.Image, SplitSeed(seed, generated.Id)));
        }
        return tasks;
    }

    private static int SplitSeed(int seed, string id)
    {
        var h = 17;
        foreach (var c in id) h = unchecked(h * 31 + c);
        return unchecked(seed * 7919 + h) & 0x7FFFFFFF;
    }
}
