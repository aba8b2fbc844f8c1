using AIMass.Cli.Output;
using AIMass.Grains.Studies;
using Spectre.Console;

namespace AIMass.Client.Tests.Cli;

public sealed class LeaderboardTableTests
{
    [Fact]
    public void The_leaderboard_says_how_each_model_was_trained_and_what_its_scores_are()
    {
        var board = new Leaderboard
        {
            Scenario = ScenarioSpec.Accurate,
            Metric = "accuracy",
            Entries =
            [
                new LeaderboardEntry { Rank = 1, TrialNumber = 9, Family = "ensemble", Kind = TrialKind.Ensemble, TrainedAs = "ensemble", Members = 4, TrainRows = 1293, ValidationScore = 0.99, TestScore = 0.98 },
                new LeaderboardEntry { Rank = 2, TrialNumber = 1, Family = "knn", TrainedAs = "refit", Members = 1, TrainRows = 1293, ValidationScore = 0.97, TestScore = 0.96 },
            ],
        };
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;

        console.Write(Tables.Leaderboard(board));

        var output = writer.ToString();
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("trained") && l.Contains("validation accuracy") && l.Contains("test score"));
        Assert.Contains(lines, l => l.Contains(" 9 ") && l.Contains("ensemble of 4") && l.Contains("0.9900") && l.Contains("0.9800"));
        Assert.Contains(lines, l => l.Contains(" 1 ") && l.Contains("refit on 1,293 rows") && l.Contains("0.9700"));
        Assert.Contains("out of fold", output);
    }
}
