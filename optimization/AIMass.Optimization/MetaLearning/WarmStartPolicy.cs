namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// How warm-start configurations are mixed into a search, so that the sampler still explores and a poor neighbour
/// cannot take the whole budget: the first <see cref="LeadingWarmTrials"/> trials are warm, after that every
/// <see cref="Stride"/>-th trial is, until <see cref="MaxWarmTrials"/> warm trials have run or warm trials would exceed
/// <see cref="MaxWarmShare"/> of a known trial budget. The other trials are the sampler's own proposals. The
/// <c>metalearn eval</c> benchmark measures <see cref="Default"/>; the study grain applies the same rule.
/// </summary>
public sealed record WarmStartPolicy
{
    /// <summary>The policy the benchmark validated (see the class summary for the rule).</summary>
    public static WarmStartPolicy Default { get; } = new();

    /// <summary>Warm trials at the very start of the search.</summary>
    public int LeadingWarmTrials { get; init; } = 2;

    /// <summary>After the leading ones, one trial in <c>Stride</c> is warm (the last of each group of <c>Stride</c>).</summary>
    public int Stride { get; init; } = 2;

    /// <summary>The most warm trials in one search.</summary>
    public int MaxWarmTrials { get; init; } = 6;

    /// <summary>
    /// The largest share of a known trial budget that warm trials may take. 0.4 gives a 5-trial search two warm
    /// trials (a third gave it one): <c>metalearn eval --trials 5</c> (18 tasks x 3 seeds, scores clipped at the build
    /// median) measured warm 0.675 vs cold 0.671 with two warm trials and warm 0.653 vs cold 0.664 with one; budgets of
    /// 18 and more get <see cref="MaxWarmTrials"/> either way.
    /// </summary>
    public double MaxWarmShare { get; init; } = 0.4;

    /// <summary>How many warm configurations to ask the advisor for, for a search of <paramref name="trialBudget"/> trials (<c>null</c>: unknown).</summary>
    public int WarmCount(int? trialBudget)
    {
        Validate();
        if (trialBudget is null) return MaxWarmTrials;
        if (trialBudget < 0) throw new ArgumentOutOfRangeException(nameof(trialBudget), trialBudget, "The trial budget must not be negative.");
        var byShare = (int)Math.Floor(MaxWarmShare * trialBudget.Value + 1e-9);
        return Math.Min(MaxWarmTrials, Math.Max(byShare, Math.Min(1, trialBudget.Value)));
    }

    /// <summary>
    /// Whether the search's trial at 0-based position <paramref name="index"/> (counting the search's trials in the
    /// order they are asked) should be the next warm configuration, given that <paramref name="warmUsed"/> warm trials
    /// were already asked and <paramref name="warmAvailable"/> configurations were proposed in all.
    /// </summary>
    public bool IsWarmSlot(int index, int warmUsed, int warmAvailable, int? trialBudget = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUsed);
        ArgumentOutOfRangeException.ThrowIfNegative(warmAvailable);
        if (warmUsed >= Math.Min(warmAvailable, WarmCount(trialBudget))) return false;
        if (index < LeadingWarmTrials) return true;
        return (index - LeadingWarmTrials) % Stride == Stride - 1;
    }

    /// <summary>The 0-based trial positions that take warm configurations in a search of <paramref name="trialBudget"/> trials with <paramref name="warmAvailable"/> proposed.</summary>
    public IReadOnlyList<int> WarmSlots(int trialBudget, int warmAvailable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialBudget);
        var slots = new List<int>();
        for (var i = 0; i < trialBudget; i++)
        {
            if (IsWarmSlot(i, slots.Count, warmAvailable, trialBudget)) slots.Add(i);
        }
        return slots;
    }

    private void Validate()
    {
        if (LeadingWarmTrials < 0) throw new ArgumentException($"LeadingWarmTrials is {LeadingWarmTrials}; it must not be negative.");
        if (Stride < 1) throw new ArgumentException($"Stride is {Stride}; it must be at least 1.");
        if (MaxWarmTrials < 0) throw new ArgumentException($"MaxWarmTrials is {MaxWarmTrials}; it must not be negative.");
        if (!(MaxWarmShare is >= 0 and <= 1)) throw new ArgumentException($"MaxWarmShare is {MaxWarmShare}; it must lie in 0..1.");
    }
}
