using System.Diagnostics;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The <c>kubectl</c> the manifest tests render and check the manifests with. Missing or too old, the tests that need
/// it are skipped with the reason as their skip message (counted in the run's "skipped" total, never passed), and
/// test.sh warns; test.sh installs Debian's kubernetes-client as root when none is installed.
/// <c>AIMASS_TEST_KUBECTL</c> picks another kubectl.
/// </summary>
public static class Kubectl
{
    /// <summary>kubectl 1.22 embeds kustomize 4.2, the first to read the kustomizations' <c>labels:</c> field.</summary>
    public const int MinimumMinorVersion = 22;

    private static readonly string[] Candidates = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"];

    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The kubectl executable.</summary>
    /// <exception cref="InvalidOperationException">kubectl is not installed or too old: the test cannot run, and says so.</exception>
    public static string Executable => Found.Value;

    /// <summary>Why the kubectl tests cannot run here (null when they can).</summary>
    public static string? Unavailable
    {
        get
        {
            try
            {
                _ = Found.Value;
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
    }

    /// <summary>Runs kubectl with <paramref name="input"/> on its standard input; returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments, string? input = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Run(Executable, arguments, input, environment);

    private static string Find()
    {
        var chosen = Environment.GetEnvironmentVariable("AIMASS_TEST_KUBECTL");
        if (!string.IsNullOrEmpty(chosen) && !File.Exists(chosen))
            throw new InvalidOperationException($"AIMASS_TEST_KUBECTL names {chosen}, which does not exist.");
        var path = (string.IsNullOrEmpty(chosen) ? null : chosen) ?? Candidates.Concat(OnPath()).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "kubectl is not installed (looked at /usr/bin/kubectl, /usr/local/bin/kubectl and on PATH), so the Kubernetes manifests " +
                "cannot be rendered (kubectl kustomize) or checked (kubectl apply --dry-run=client). Install kubectl 1." +
                MinimumMinorVersion + " or later (test.sh installs Debian's kubernetes-client when run as root).");
        var (exitCode, output, error) = Run(path, ["version", "--client", "-o", "json"], null, null);
        var minor = exitCode == 0
            ? System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("clientVersion").GetProperty("minor").GetString()
            : null;
        var digits = new string((minor ?? "").TakeWhile(char.IsAsciiDigit).ToArray());
        if (!int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"{path} version --client did not say its version: {error}{output}");
        if (version < MinimumMinorVersion)
            throw new InvalidOperationException(
                $"{path} is kubectl 1.{version}; its kustomize cannot read deploy/k8s (labels:, replicas:, patches:) - kubectl 1.{MinimumMinorVersion} or " +
                "later is needed (Debian 12's kubernetes-client is 1.20: install kubectl from the Kubernetes package repository instead).");
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(string executable, IEnumerable<string> arguments, string? input, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', start.ArgumentList)} did not finish within 60 s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static IEnumerable<string> OnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "kubectl"));
}
