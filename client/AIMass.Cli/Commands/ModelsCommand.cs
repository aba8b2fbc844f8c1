using System.CommandLine;
using AIMass.Cli.Output;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass models best|show|download</c>.</summary>
public static class ModelsCommand
{
    public static Command Build(CliApp app)
    {
        var command = new Command("models", "Inspect and download trained models.");

        var bestStudy = new Option<string>("--study") { Description = "Study id.", Required = true };
        var bestScenario = new Option<string?>("--scenario") { Description = "Scenario (default: the study's first)." };
        var best = new Command("best", "The best model of a scenario.") { bestStudy, bestScenario };
        app.Handle(best, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var model = await session.Client.GetBestModelAsync(context.Value(bestStudy), context.Value(bestScenario), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(model);
            else context.Console.Write(Tables.Model(model));
            return ExitCodes.Ok;
        });

        var showStudy = new Option<string>("--study") { Description = "Study id.", Required = true };
        var showTrial = new Option<int>("--trial") { Description = "Trial number.", Required = true };
        var show = new Command("show", "The model of one trial.") { showStudy, showTrial };
        app.Handle(show, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var model = await session.Client.GetModelAsync(context.Value(showStudy), context.Value(showTrial), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(model);
            else context.Console.Write(Tables.Model(model));
            return ExitCodes.Ok;
        });

        var downloadStudy = new Option<string>("--study") { Description = "Study id.", Required = true };
        var downloadTrial = new Option<int>("--trial") { Description = "Trial number.", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write the artifact (zip).", Required = true };
        var download = new Command("download", "Download a model's artifact (zip).") { downloadStudy, downloadTrial, output };
        app.Handle(download, async context =>
        {
            var path = context.Value(output);
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder)) throw CliException.Input($"The folder of '{path}' does not exist.");
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var bytes = await session.Client.DownloadModelAsync(context.Value(downloadStudy), context.Value(downloadTrial), context.Cancellation).ConfigureAwait(false);
            await File.WriteAllBytesAsync(path, bytes, context.Cancellation).ConfigureAwait(false);
            context.Note($"aimass: wrote {bytes.Length} bytes to {path}");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(best);
        command.Subcommands.Add(show);
        command.Subcommands.Add(download);
        return command;
    }
}
