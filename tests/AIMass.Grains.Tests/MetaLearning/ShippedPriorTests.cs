using AIMass.Grains.MetaLearning;
using AIMass.Optimization.MetaLearning;

namespace AIMass.Grains.Tests.MetaLearning;

/// <summary>
/// The prior knowledge base that ships with the silo (<c>silo/AIMass.Silo/Knowledge/prior-knowledge.json</c>, built by
/// <c>bench metalearn build</c>) reaches the output folder of every project that references the silo, and loads.
/// </summary>
public sealed class ShippedPriorTests
{
    [Fact]
    public void The_shipped_prior_is_copied_next_to_the_binaries_and_loads()
    {
        var prior = new PriorKnowledge();

        Assert.Null(prior.Problem);
        Assert.StartsWith("metalearn build --seed ", prior.Base.Source);
        Assert.True(prior.Base.Count >= 18, $"{prior.Base.Count} entries");
        Assert.Contains(prior.Base.Entries, e => e.Task == "classification" && e.MetaFeatures.GetValueOrDefault("is_image") == 1);
        Assert.Contains(prior.Base.Entries, e => e.Task == "classification" && e.MetaFeatures.GetValueOrDefault("is_image") == 0);
        Assert.Contains(prior.Base.Entries, e => e.Task == "regression");
        Assert.All(prior.Base.Entries, e => Assert.NotEmpty(e.Top));

        var digits = prior.Base.Entries.Single(e => e.TaskId == "digits-table");
        var proposal = WarmStartAdvisor.Propose(prior.Base.Where(e => e.DataSet != "digits"), digits.MetaFeatures, "classification", requester: null, count: 2);
        Assert.Equal(2, proposal.Configurations.Count);
    }
}
