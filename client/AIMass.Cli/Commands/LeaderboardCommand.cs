using System.CommandLine;
using AIMass.Cli.Output;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass leaderboard --study ID [--scenario NAME]</c>.</summary>
public static class LeaderboardCommand
{
    public static Command Build(CliApp app)
    {
        var study = new Option<string>("--study") { Description = "Study id.", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = "One scenario (default: every scenario)." };
        var command = new Command("leaderboard", "Show the best models of a study, per scenario.") { study, scenario };
        app.Handle(command, async context =>
        {
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var id = context.Value(study);
            if (context.Value(scenario) is { } name)
            {
                var board = await session.Client.GetLeaderboardAsync(id, name, context.Cancellation).ConfigureAwait(false);
                if (context.Json) context.WriteJson(board);
                else context.Console.Write(Tables.Leaderboard(board));
            }
            else
            {
                var boards = await session.Client.GetLeaderboardsAsync(id, context.Cancellation).ConfigureAwait(false);
                if (context.Json) context.WriteJson(boards);
                else foreach (var board in boards) context.Console.Write(Tables.Leaderboard(board));
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
