using System.Globalization;
using AIMass.Trainer.Jobs;
using AIMass.Trainer.Protocol;
using AIMass.Training.Data;

namespace AIMass.Trainer.Worker;

/// <summary>
/// Trains one tiny network on a synthetic table before the trainer says hello, so that the first real job in a new
/// process does not pay for compiling the training path and initialising libtorch (most of a second). A pool starts
/// its spare trainers in the background, so this costs no job any time.
/// </summary>
internal static class WarmUp
{
    public static void Run()
    {
        var rows = Enumerable.Range(0, 40).Select(i => (IReadOnlyList<string?>)
        [
            (i % 7).ToString(CultureInfo.InvariantCulture),
            ((i * 3) % 5 / 5.0).ToString(CultureInfo.InvariantCulture),
            i % 2 == 0 ? "a" : "b",
        ]).ToArray();
        var job = new TrainerJob
        {
            Name = "warm-up", Target = "label", Task = "classification", Seed = 1, SplitSeed = 1, MaxEpochs = 1,
            Params = new() { ["family"] = "mlp", ["layers"] = "1", ["width"] = "4", ["epochs"] = "1" },
            ArtifactFile = "",
        };
        var output = JobHandler.Run(job, new JobInputs { Data = CsvTable.FromRows(["x", "y", "label"], rows) }, (_, _) => JobVerdicts.Continue, CancellationToken.None);
        output.Artifact.Save(Stream.Null);
    }
}
