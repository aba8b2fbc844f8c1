namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// kubectl itself accepts every manifest: <c>kubectl apply --dry-run=client -f -</c> of the base's files, the rendered
/// base and each rendered overlay, against <see cref="FakeKubernetesApi"/> (a client-side dry run still asks a server
/// which kinds exist and whether each object does). Fails, saying why, where kubectl is not installed.
/// </summary>
public sealed class DryRunManifestTests
{
    [KubectlTheory]
    [InlineData("base files")]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public void Kubectl_applies_every_object_in_a_client_side_dry_run(string variant)
    {
        var yaml = variant == "base files" ? BaseFiles() : Manifests.RenderText(variant);
        var objects = Manifests.Parse(yaml);
        Assert.NotEmpty(objects);

        using var api = new FakeKubernetesApi();
        var cache = Infrastructure.TestPaths.NewTemporaryFolder();
        (int, string, string) result;
        try
        {
            // No kubeconfig of this machine's user: the fake server only, with its discovery cached in a throw-away folder.
            result = Kubectl.Run(
                ["apply", "--dry-run=client", "--validate=false", "-s", api.Url, "--cache-dir", cache, "-f", "-"],
                yaml,
                new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(cache, "no-kubeconfig") });
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
        var (exitCode, output, error) = result;

        Assert.True(exitCode == 0, $"kubectl apply --dry-run=client ({variant}) exited with {exitCode}:\n{error}\n{output}");
        var applied = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.EndsWith("(dry run)", StringComparison.Ordinal)).ToList();
        Assert.True(applied.Count == objects.Count, $"{objects.Count} objects, {applied.Count} applied:\n{output}");
        foreach (var manifest in objects)
        {
            var kind = manifest.Kind().ToLowerInvariant();
            Assert.Contains(applied, l => l.Contains($"/{manifest.Name()} ", StringComparison.Ordinal)
                && (l.StartsWith(kind + "/", StringComparison.Ordinal) || l.StartsWith(kind + ".", StringComparison.Ordinal)));
        }
    }

    /// <summary>The files the base kustomization lists, unrendered, as one YAML stream.</summary>
    private static string BaseFiles()
    {
        var kustomization = Manifests.Load(Path.Combine(Manifests.Folder, "base", "kustomization.yaml")).Single();
        var files = kustomization.Seq("resources").Select(r => ((YamlDotNet.RepresentationModel.YamlScalarNode)r).Value!);
        return string.Join("\n---\n", files.Select(f => File.ReadAllText(Path.Combine(Manifests.Folder, "base", f))));
    }
}
