using AIMass.Grains.Studies;
using AIMass.Web.Components.Pages.Studies;
using Bunit;
using MudBlazor;
using static AIMass.Web.Tests.Components.Charts.ChartTestData;

namespace AIMass.Web.Tests.Components.Pages.Studies;

public sealed class LeaderboardPanelTests
{
    [Fact]
    public async Task Each_model_says_how_it_was_trained()
    {
        var board = new Leaderboard
        {
            Scenario = ScenarioSpec.Accurate,
            Metric = "accuracy",
            Entries =
            [
                new LeaderboardEntry { Rank = 1, TrialNumber = 9, Family = "ensemble", Kind = TrialKind.Ensemble, TrainedAs = "ensemble", Members = 4, TrainRows = 1293, ValidationScore = 0.99, TestScore = 0.98 },
                new LeaderboardEntry { Rank = 2, TrialNumber = 5, Family = "mlp", TrainedAs = "bagged", Members = 5, TrainRows = 1293, ValidationScore = 0.98 },
                new LeaderboardEntry { Rank = 3, TrialNumber = 1, Family = "knn", TrainedAs = "refit", Members = 1, TrainRows = 1293, ValidationScore = 0.97 },
                new LeaderboardEntry { Rank = 4, TrialNumber = 0, Family = "gbdt", ValidationScore = 0.96 },
            ],
        };
        await using var context = Context();
        context.Render<MudPopoverProvider>();

        var cut = context.Render<LeaderboardPanel>(p => p.Add(c => c.Leaderboards, [board]).Add(c => c.StudyId, "s"));

        var trained = cut.FindAll("tr[data-trial]").ToDictionary(r => r.GetAttribute("data-trial")!, r => r.QuerySelector("td.trained")!.TextContent.Trim());
        Assert.Equal("ensemble of 4", trained["9"]);
        Assert.Equal("bagged 5 folds", trained["5"]);
        Assert.Equal("refit on 1,293 rows", trained["1"]);
        Assert.Equal("holdout", trained["0"]);
        Assert.Contains("Trained", cut.Find("table.leaderboard-table thead, .leaderboard-table thead").TextContent);
    }
}
