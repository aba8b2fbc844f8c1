namespace AIMass.Bench.Infrastructure;

/// <summary>What a suite gets: its own arguments, where to write, and where the repository is.</summary>
public sealed class BenchContext
{
    public BenchContext(IReadOnlyList<string> arguments, bool json, TextWriter log, string repositoryRoot)
    {
        Arguments = arguments;
        Json = json;
        Log = log;
        RepositoryRoot = repositoryRoot;
    }

    /// <summary>Arguments after the suite name, without <c>--json</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Whether the JSON object is the output (then <see cref="Log"/> is standard error).</summary>
    public bool Json { get; }

    /// <summary>Where progress and human-readable tables go.</summary>
    public TextWriter Log { get; }

    /// <summary>The folder that holds <c>AIMass.Orleans.sln</c>.</summary>
    public string RepositoryRoot { get; }

    /// <summary>Path of a bundled sample data set, e.g. <c>Sample("iris.csv")</c>.</summary>
    public string Sample(string fileName) => Path.Combine(RepositoryRoot, "samples", fileName);

    /// <summary>Value of <c>--name value</c> among the suite's arguments, or the fallback.</summary>
    public string Option(string name, string fallback)
    {
        for (var i = 0; i < Arguments.Count - 1; i++)
        {
            if (Arguments[i] == "--" + name) return Arguments[i + 1];
        }
        return fallback;
    }

    /// <summary>Integer value of <c>--name value</c>, or the fallback.</summary>
    public int IntOption(string name, int fallback) =>
        int.TryParse(Option(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>Whether a bare flag such as <c>--quick</c> was given.</summary>
    public bool Flag(string name) => Arguments.Contains("--" + name);
}
