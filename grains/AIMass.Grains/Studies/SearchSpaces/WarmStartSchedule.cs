namespace AIMass.Grains.Studies.SearchSpaces;

/// <summary>
/// Where warm-start configurations go in a study: every other trial from the first, at most a third of the
/// trial budget, so the sampler's own proposals keep their share and a warm start that does not fit the data
/// cannot use up the budget (auto-sklearn's users saw warm starts hurt when they took over).
/// </summary>
public static class WarmStartSchedule
{
    public const int MaxWarm = 5;

    /// <summary>How many warm configurations a study with this trial budget asks for.</summary>
    public static int Count(int trialBudget) => Math.Clamp(trialBudget / 3, trialBudget >= 2 ? 1 : 0, MaxWarm);

    /// <summary>Whether the trial at position <paramref name="asked"/> (0-based) should be warm, given how many warm ones were used.</summary>
    public static bool IsWarm(int asked, int warmUsed) => asked % 2 == 0 && warmUsed <= asked / 2;
}
