using YamlDotNet.RepresentationModel;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The Kubernetes manifests under <c>deploy/k8s</c> as parsed YAML: the base's resources (as its kustomization
/// lists them) and each overlay as <c>kubectl kustomize</c> renders it.
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

    /// <summary>An overlay rendered by <c>kubectl kustomize</c> (which must be installed: see <see cref="Kubectl"/>).</summary>
    public static List<YamlMappingNode> Render(string overlay) => Parse(RenderText(Path.Combine("overlays", overlay)));

    /// <summary>
    /// The YAML <c>kubectl kustomize</c> renders from a kustomization folder under <see cref="Folder"/>
    /// (<c>base</c>, <c>overlays/dev</c>, ...).
    /// </summary>
    public static string RenderText(string kustomization)
    {
        var (exitCode, output, error) = Kubectl.Run(["kustomize", Path.Combine(Folder, kustomization)]);
        if (exitCode != 0) throw new InvalidOperationException($"kubectl kustomize {kustomization} failed: {error}");
        return output;
    }

    /// <summary>The mapping documents of a YAML stream.</summary>
    public static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
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
