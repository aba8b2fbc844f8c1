using System.CommandLine;
using AIMass.Cli.Output;
using AIMass.Client;
using AIMass.Grains.Studies;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass studies create|list|show|watch|pause|resume|cancel|delete</c>.</summary>
public static class StudiesCommand
{
    public static Command Build(CliApp app)
    {
        var command = new Command("studies", "Create, follow and steer studies.");
        command.Subcommands.Add(Create(app));

        var list = new Command("list", "List your studies.");
        app.Handle(list, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var studies = await session.Client.ListStudiesAsync(context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(studies);
            else context.Console.Write(Tables.Studies(studies));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(list);

        var showId = new Argument<string>("id") { Description = "Study id." };
        var trials = new Option<bool>("--trials") { Description = "Also list every trial." };
        var show = new Command("show", "Show a study's state and figures.") { showId, trials };
        app.Handle(show, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var id = context.Value(showId);
            var info = await session.Client.GetStudyAsync(id, context.Cancellation).ConfigureAwait(false);
            var all = context.Value(trials) ? await session.Client.GetTrialsAsync(id, context.Cancellation).ConfigureAwait(false) : null;
            if (context.Json)
            {
                if (all is null) context.WriteJson(info);
                else context.WriteJson(new { study = info, trials = all });
            }
            else
            {
                context.Console.Write(Tables.Study(info));
                if (all is not null) context.Console.Write(Tables.Trials(all, info.Metric));
            }
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(show);

        var watchId = new Argument<string>("id") { Description = "Study id." };
        var watch = new Command("watch", "Follow a study until it ends, then show its leaderboards.") { watchId };
        app.Handle(watch, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var id = context.Value(watchId);
            var final = await StudyProgressView.WaitAsync(context, session.Client, id, null, context.Cancellation).ConfigureAwait(false);
            var boards = await session.Client.GetLeaderboardsAsync(id, context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(new { study = final, leaderboards = boards });
            else
            {
                context.Console.Write(Tables.Study(final));
                foreach (var board in boards) context.Console.Write(Tables.Leaderboard(board));
            }
            return final.Status == StudyStatus.Failed ? throw CliException.Server($"study '{id}' failed: {final.StatusReason}") : ExitCodes.Ok;
        });
        command.Subcommands.Add(watch);

        command.Subcommands.Add(Steer(app, "pause", "Stop handing out trials; running ones finish.", (c, id, ct) => c.PauseStudyAsync(id, ct)));
        command.Subcommands.Add(Steer(app, "resume", "Continue a paused study.", (c, id, ct) => c.ResumeStudyAsync(id, ct)));
        command.Subcommands.Add(Steer(app, "cancel", "Stop a study; running trials are abandoned.", (c, id, ct) => c.CancelStudyAsync(id, ct)));

        var deleteId = new Argument<string>("id") { Description = "Study id." };
        var delete = new Command("delete", "Delete a study (cancelled first when running) with its trials and models.") { deleteId };
        app.Handle(delete, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            await session.Client.DeleteStudyAsync(context.Value(deleteId), context.Cancellation).ConfigureAwait(false);
            context.Note($"aimass: study '{context.Value(deleteId)}' deleted.");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(delete);
        return command;
    }

    private static Command Steer(CliApp app, string name, string description, Func<IAIMassClient, string, CancellationToken, Task<StudyInfo>> action)
    {
        var id = new Argument<string>("id") { Description = "Study id." };
        var command = new Command(name, description) { id };
        app.Handle(command, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var info = await action(session.Client, context.Value(id), context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(info);
            else context.Console.Write(Tables.Study(info));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Create(CliApp app)
    {
        var dataset = new Option<string>("--dataset") { Description = "Data set id.", Required = true };
        var target = new Option<string>("--target") { Description = "The column to predict.", Required = true };
        var id = new Option<string?>("--id") { Description = "Study id (default: chosen by the service)." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var task = new Option<string?>("--task") { Description = "classification or regression (default: detected from the target)." };
        var trials = new Option<int?>("--max-trials") { Description = "Trial budget." };
        var seconds = new Option<double?>("--time-budget") { Description = "Wall-clock seconds of running." };
        var compute = new Option<double?>("--compute-budget") { Description = "Training compute-seconds summed over trials." };
        var sampler = new Option<string>("--sampler") { Description = "tpe, random, ...", DefaultValueFactory = _ => "tpe" };
        var pruner = new Option<string>("--pruner") { Description = "median, successive-halving, hyperband, none, ...", DefaultValueFactory = _ => "median" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42, Description = "Seed of the search." };
        var parallelism = new Option<int>("--parallelism") { DefaultValueFactory = _ => 2, Description = "Trials queued or running at once." };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "any", Description = "any, cpu or gpu." };
        var epochs = new Option<int?>("--max-epochs") { Description = "Upper bound on epochs per trial." };
        var noDistill = new Option<bool>("--no-distill") { Description = "Skip the distillation stage." };
        var noWarm = new Option<bool>("--no-warm-start") { Description = "Do not warm-start from similar earlier studies." };
        var watch = new Option<bool>("--watch") { Description = "Follow the study until it ends." };
        var command = new Command("create", "Create and start a study.")
        {
            dataset, target, id, name, task, trials, seconds, compute, sampler, pruner, seed, parallelism, device, epochs, noDistill, noWarm, watch,
        };
        app.Handle(command, async context =>
        {
            var maxTrials = context.Value(trials);
            var maxSeconds = context.Value(seconds);
            var maxCompute = context.Value(compute);
            var spec = new StudySpec
            {
                Name = context.Value(name) ?? $"{context.Value(dataset)} -> {context.Value(target)}",
                DatasetId = context.Value(dataset),
                Target = context.Value(target),
                Task = context.Value(task),
                Budget = new StudyBudget
                {
                    MaxTrials = maxTrials ?? (maxSeconds is null && maxCompute is null ? 20 : null),
                    MaxSeconds = maxSeconds,
                    MaxComputeSeconds = maxCompute,
                },
                Sampler = context.Value(sampler),
                Pruner = context.Value(pruner),
                Seed = context.Value(seed),
                Parallelism = context.Value(parallelism),
                Device = context.Value(device),
                MaxEpochsPerTrial = context.Value(epochs),
                Distill = !context.Value(noDistill),
                UseMetaLearning = !context.Value(noWarm),
            };
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var info = await session.Client.CreateStudyAsync(spec, context.Value(id), context.Cancellation).ConfigureAwait(false);
            if (context.Value(watch)) info = await StudyProgressView.WaitAsync(context, session.Client, info.StudyId, null, context.Cancellation).ConfigureAwait(false);
            if (context.Json) context.WriteJson(info);
            else context.Console.Write(Tables.Study(info));
            return ExitCodes.Ok;
        });
        return command;
    }
}
