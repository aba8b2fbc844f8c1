using AIMass.Cli.Automl;

namespace AIMass.Client.Tests.Automl;

public sealed class BudgetPlanTests
{
    [Theory]
    [InlineData(60, 3, 54)]     // 5 % reserve (3 s) after 3 s of start-up
    [InlineData(20, 4, 14)]     // the reserve is at least 2 s
    [InlineData(600, 5, 585)]   // ... and at most 10 s
    [InlineData(10, 12, 1)]     // start-up ate the budget: the study still gets a second
    public void The_study_gets_what_start_up_and_the_reserve_leave(double budget, double elapsed, double study)
    {
        var plan = BudgetPlan.For(budget, elapsed);
        Assert.Equal(study, plan.StudySeconds);
        Assert.Equal(budget + BudgetPlan.HardStopGrace, plan.HardStopSeconds);
        Assert.True(plan.HardStopSeconds <= budget + 3, "the hard stop leaves time to predict and shut down within budget + 5 s");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void A_budget_that_is_not_positive_is_refused(double budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetPlan.For(budget, 0));
}
