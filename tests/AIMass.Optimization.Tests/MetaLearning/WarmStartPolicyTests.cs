using AIMass.Optimization.MetaLearning;

namespace AIMass.Optimization.Tests.MetaLearning;

public sealed class WarmStartPolicyTests
{
    [Fact]
    public void LeadingWarmTrialsThenEveryStrideUntilTheCap()
    {
        var policy = new WarmStartPolicy { LeadingWarmTrials = 2, Stride = 3, MaxWarmTrials = 5, MaxWarmShare = 0.5 };
        Assert.Equal([0, 1, 4, 7, 10], policy.WarmSlots(trialBudget: 30, warmAvailable: 10));
    }

    [Fact]
    public void TheShareOfTheBudgetAndTheProposalsAvailableBoundTheWarmTrials()
    {
        var policy = new WarmStartPolicy { LeadingWarmTrials = 1, Stride = 2, MaxWarmTrials = 10, MaxWarmShare = 0.25 };
        Assert.Equal(5, policy.WarmCount(20));
        Assert.Equal([0, 2, 4, 6, 8], policy.WarmSlots(20, 10));
        Assert.Equal([0, 2], policy.WarmSlots(20, 2));
        Assert.Equal(10, policy.WarmCount(null));
        Assert.Equal(1, policy.WarmCount(2)); // a tiny budget still gets one warm trial
    }

    [Fact]
    public void TheDefaultLeavesMostOfTheBudgetToTheSampler()
    {
        var slots = WarmStartPolicy.Default.WarmSlots(20, 20);
        Assert.NotEmpty(slots);
        Assert.True(slots.Count <= 20 * WarmStartPolicy.Default.MaxWarmShare);
        Assert.Equal(0, slots[0]);
    }

    [Fact]
    public void InvalidSettingsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new WarmStartPolicy { Stride = 0 }.WarmCount(10));
        Assert.Throws<ArgumentException>(() => new WarmStartPolicy { MaxWarmShare = 1.5 }.WarmCount(10));
    }
}
