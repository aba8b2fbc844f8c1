using System.Diagnostics;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// How to start the trainer executable (<c>AIMass.Trainer.dll</c>, built next to the silo): with the same
/// <c>dotnet</c> host that runs the silo, with the trainer's own runtime and dependency files when they are there, else
/// with the host application's (a test run or another program that links the silo), which name the same libraries.
/// </summary>
public sealed class TrainerLaunch
{
    private const string TrainerAssembly = "AIMass.Trainer";
    private readonly string _dotnet;
    private readonly IReadOnlyList<string> _prefix;

    private TrainerLaunch(string dotnet, IReadOnlyList<string> prefix)
    {
        _dotnet = dotnet;
        _prefix = prefix;
    }

    /// <summary>Finds the trainer next to this assembly; throws naming what is missing.</summary>
    public static TrainerLaunch Locate()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, TrainerAssembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The trainer executable is missing: {dll} (build the silo, which references trainer/AIMass.Trainer).", dll);
        var prefix = new List<string> { "exec" };
        var runtimeConfig = Path.Combine(directory, TrainerAssembly + ".runtimeconfig.json");
        var deps = Path.Combine(directory, TrainerAssembly + ".deps.json");
        if (!File.Exists(runtimeConfig) || !File.Exists(deps))
        {
            var host = HostFiles(directory) ?? throw new FileNotFoundException($"No runtime configuration for the trainer in {directory}.");
            runtimeConfig = host.RuntimeConfig;
            deps = host.Deps;
        }
        prefix.AddRange(["--runtimeconfig", runtimeConfig, "--depsfile", deps, dll]);
        return new TrainerLaunch(DotnetHost(), prefix);
    }

    /// <summary>A start description for one trainer connecting to <paramref name="socketPath"/>.</summary>
    public ProcessStartInfo StartInfo(string socketPath, int threads)
    {
        var info = new ProcessStartInfo(_dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (var argument in _prefix) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--connect");
        info.ArgumentList.Add(socketPath);
        var threadText = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["OMP_NUM_THREADS"] = threadText;
        info.Environment["MKL_NUM_THREADS"] = threadText;
        // Idle OpenMP threads sleep instead of spinning (a trainer waits for verdicts between epochs), unless told otherwise.
        if (!info.Environment.ContainsKey("OMP_WAIT_POLICY")) info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        return info;
    }

    private static (string RuntimeConfig, string Deps)? HostFiles(string directory)
    {
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        var candidates = Directory.EnumerateFiles(directory, "*.runtimeconfig.json")
            .Select(path => Path.GetFileName(path)[..^".runtimeconfig.json".Length])
            .Where(name => File.Exists(Path.Combine(directory, name + ".deps.json")))
            .OrderBy(name => name == entry ? 0 : 1)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToArray();
        // A test host's entry assembly (testhost) has no files of its own here: the test project's name them all.
        var chosen = candidates.FirstOrDefault(name => !name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase));
        return chosen is null ? null : (Path.Combine(directory, chosen + ".runtimeconfig.json"), Path.Combine(directory, chosen + ".deps.json"));
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        foreach (var root in new[] { Environment.GetEnvironmentVariable("DOTNET_ROOT"), Path.GetDirectoryName(typeof(object).Assembly.Location) is { } runtime ? Path.GetFullPath(Path.Combine(runtime, "..", "..", "..")) : null })
        {
            if (root is null) continue;
            var candidate = Path.Combine(root, "dotnet");
            if (File.Exists(candidate)) return candidate;
        }
        return "dotnet";
    }
}
