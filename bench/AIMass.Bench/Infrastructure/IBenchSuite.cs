using System.Text.Json.Nodes;

namespace AIMass.Bench.Infrastructure;

/// <summary>
/// One benchmark suite (one concern). Suites are found by reflection, so adding a suite is adding a class.
/// A suite writes human-readable progress and tables to <see cref="BenchContext.Log"/> and returns the
/// figures as one JSON object.
/// </summary>
public interface IBenchSuite
{
    /// <summary>The name used on the command line (<c>hpo</c>, <c>train</c>, ...).</summary>
    string Name { get; }

    /// <summary>One line for the suite list.</summary>
    string Description { get; }

    /// <summary>Whether <c>all</c> runs this suite (suites that build artefacts rather than measure say no).</summary>
    bool IncludedInAll => true;

    /// <summary>Runs the suite and returns its figures.</summary>
    Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct);
}
