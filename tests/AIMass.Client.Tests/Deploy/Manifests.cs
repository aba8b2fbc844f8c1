using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The Kubernetes manifests under <c>deploy/k8s</c> as parsed YAML: the base's resources (as its kustomization
/// lists them) and, where <c>kubectl</c> is installed, each overlay as <c>kubectl kustomize</c> renders it.
/// </summary>
public static class Manifests
{
    public static string Folder => Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "deploy", "k8s");

    /// <summary>Every document of the files the base kustomization lists.</summary>
    public static List<YamlMappingNode> Base()
    {
        var kustomization = Load(Path.Combine(Folder, "base", "kustomization.yaml")).Single();
        var resources = ((YamlSequenceNode)kustomization.Children[new YamlScalarNode("resources")]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        return resources.SelectMany(r => Load(Path.Combine(Folder, "base", r))).ToList();
    }

    /// <summary>Documents of one YAML file (empty documents skipped).</summary>
    public static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    /// <summary>An overlay rendered by <c>kubectl kustomize</c>, or null when kubectl is not installed.</summary>
    public static List<YamlMappingNode>? Render(string overlay)
    {
        var kubectl = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists);
        if (kubectl is null) return null;
        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(Folder, "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) throw new TimeoutException("kubectl kustomize did not finish within 60 s.");
        if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {error.Result}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static string Kind(this YamlMappingNode node) => node.Scalar("kind");

    public static string Name(this YamlMappingNode node) => node.Map("metadata").Scalar("name");

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? map
            : throw new KeyNotFoundException($"'{key}' is not a mapping here: {Describe(node)}");

    public static YamlMappingNode? MapOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static IReadOnlyList<YamlNode> Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq ? seq.Children.ToList() : [];

    public static string Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode s
            ? s.Value ?? ""
            : throw new KeyNotFoundException($"'{key}' is not a scalar here: {Describe(node)}");

    public static string? ScalarOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode s ? s.Value : null;

    /// <summary>A labels mapping as a dictionary.</summary>
    public static Dictionary<string, string> Labels(this YamlMappingNode metadata) =>
        metadata.MapOrNull("labels")?.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "") ?? [];

    /// <summary>A container's env entries by name (value, or the source kind such as secretKeyRef/fieldRef).</summary>
    public static Dictionary<string, YamlMappingNode> Env(this YamlMappingNode container) =>
        container.Seq("env").OfType<YamlMappingNode>().ToDictionary(e => e.Scalar("name"));

    private static string Describe(YamlMappingNode node) => string.Join(", ", node.Children.Keys.Take(8));
}
