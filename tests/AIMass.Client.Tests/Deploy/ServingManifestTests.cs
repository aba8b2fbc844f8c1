using YamlDotNet.RepresentationModel;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The manifests agree with what the hosts serve and read: probe paths are the health routes the hosts map, probe
/// ports are the ports the hosts listen on, every AIMass__* setting is a real option key of the right type, the TLS
/// files lie in the mounted cluster secret, and the silo ports are the ones the silo is told to open. Checked on the
/// base and on each rendered overlay.
/// </summary>
public sealed class ServingManifestTests
{
    public static TheoryData<string> Variants => ["base", "dev", "production"];

    private static readonly string[] Silos = ["aimass-silo-cpu", "aimass-silo-gpu"];

    private static List<YamlMappingNode> Documents(string variant) => variant == "base" ? Manifests.Base() : Manifests.Render(variant);

    private static YamlMappingNode Container(IEnumerable<YamlMappingNode> documents, string deployment) =>
        (YamlMappingNode)Assert.Single(Assert.Single(documents, d => d.Kind() == "Deployment" && d.Name() == deployment)
            .Map("spec").Map("template").Map("spec").Seq("containers"));

    private static YamlMappingNode PodSpec(IEnumerable<YamlMappingNode> documents, string deployment) =>
        Assert.Single(documents, d => d.Kind() == "Deployment" && d.Name() == deployment).Map("spec").Map("template").Map("spec");

    /// <summary>Each probe's path and port (httpGet only: the hosts answer HTTP health routes).</summary>
    private static Dictionary<string, (string Path, string Port)> Probes(YamlMappingNode container, string name)
    {
        var probes = new Dictionary<string, (string, string)>();
        foreach (var kind in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var probe = container.MapOrNull(kind);
            Assert.True(probe is not null, $"{name}: no {kind}");
            var get = probe.MapOrNull("httpGet");
            Assert.True(get is not null, $"{name}: {kind} is not an httpGet of a health route");
            probes[kind] = (get.Scalar("path"), get.Scalar("port"));
        }
        return probes;
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public async Task Probes_ask_the_health_routes_the_hosts_map_for_liveness_and_readiness(string variant)
    {
        var served = await HealthRoutes.ServedAsync();
        Assert.Equal(["/healthz", "/readyz"], served.Order());
        var documents = Documents(variant);
        foreach (var deployment in Silos.Append("aimass-web"))
        {
            var probes = Probes(Container(documents, deployment), deployment);
            Assert.All(probes.Values, p => Assert.Contains(p.Path, served));
            Assert.Equal("/healthz", probes["livenessProbe"].Path);
            Assert.Equal("/readyz", probes["readinessProbe"].Path);
        }
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public void Silo_probes_reach_the_port_of_AIMass_HealthUrl_on_every_address(string variant)
    {
        var documents = Documents(variant);
        foreach (var deployment in Silos)
        {
            var container = Container(documents, deployment);
            var environment = ContainerEnvironment.Effective(container, documents);
            Assert.True(environment.TryGetValue("AIMass__HealthUrl", out var healthUrl) && healthUrl is not null,
                $"{deployment}: AIMass__HealthUrl is not set (the silo's default, a free loopback port, is not reachable by the kubelet)");
            var url = new Uri(healthUrl);
            Assert.Equal("http", url.Scheme);
            Assert.Contains(url.Host, new[] { "0.0.0.0", "[::]", "+", "*" });
            Assert.NotEqual(0, url.Port);
            Assert.Equal(url.Port, ContainerEnvironment.Port(container, "health"));
            Assert.All(Probes(container, deployment), p => Assert.Equal(url.Port, ContainerEnvironment.Port(container, p.Value.Port)));
        }
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public void Web_probes_and_service_reach_the_port_the_web_host_listens_on(string variant)
    {
        var documents = Documents(variant);
        var container = Container(documents, "aimass-web");
        var listening = WebListenPort(ContainerEnvironment.Effective(container, documents));
        Assert.All(Probes(container, "aimass-web"), p => Assert.Equal(listening, ContainerEnvironment.Port(container, p.Value.Port)));
        var service = Assert.Single(documents, d => d.Kind() == "Service" && d.Name() == "aimass-web");
        Assert.All(service.Map("spec").Seq("ports").Cast<YamlMappingNode>(), p => Assert.Equal(listening, ContainerEnvironment.Port(container, p.Scalar("targetPort"))));
    }

    /// <summary>The HTTP port of the web host: ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS, from the pod, then from the image.</summary>
    private static int WebListenPort(Dictionary<string, string?> pod)
    {
        var image = Dockerfiles.Environment("web.Dockerfile");
        string? Get(string name) => pod.GetValueOrDefault(name) ?? image.GetValueOrDefault(name);
        if (Get("ASPNETCORE_URLS") is { } urls)
        {
            return ContainerEnvironment.UrlPort(Assert.Single(urls.Split(';'), u => u.StartsWith("http://", StringComparison.Ordinal)));
        }
        var ports = Get("ASPNETCORE_HTTP_PORTS");
        Assert.True(ports is not null, "the web host's port is set neither in the pod nor in web.Dockerfile (ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS)");
        return int.Parse(ports.Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public void Every_AIMass_setting_is_an_option_key_of_the_right_type(string variant)
    {
        var documents = Documents(variant);
        var problems = new List<string>();
        foreach (var deployment in Silos.Append("aimass-web"))
        {
            var environment = ContainerEnvironment.Effective(Container(documents, deployment), documents);
            problems.AddRange(environment.Where(kv => kv.Key.StartsWith("AIMass__", StringComparison.OrdinalIgnoreCase))
                .Select(kv => OptionKeys.Problem(kv.Key, kv.Value)).OfType<string>().Select(p => $"{deployment}: {p}"));
        }
        foreach (var dockerfile in new[] { "silo.Dockerfile", "web.Dockerfile" })
        {
            problems.AddRange(Dockerfiles.Environment(dockerfile).Where(kv => kv.Key.StartsWith("AIMass__", StringComparison.OrdinalIgnoreCase))
                .Select(kv => OptionKeys.Problem(kv.Key, kv.Value)).OfType<string>().Select(p => $"{dockerfile}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_option_keys_include_the_nested_sections()
    {
        foreach (var key in new[] { "AIMass:Tls:CertificatePath", "AIMass:Silo:Devices", "AIMass:Trainer:MemoryLimitMiB", "AIMass:Web:Mode", "AIMass:Scheduling:LeaseDuration", "AIMass:HealthUrl" })
        {
            Assert.True(OptionKeys.All.ContainsKey(key), key);
        }
        Assert.NotNull(OptionKeys.Problem("AIMass__Silo__Devicez", "cpu"));
        Assert.NotNull(OptionKeys.Problem("AIMass__SiloPort", "eleven"));
        Assert.NotNull(OptionKeys.Problem("AIMass__Storage", "Floppy"));
        Assert.Null(OptionKeys.Problem("AIMass__Scheduling__LeaseDuration", "00:00:30"));
        Assert.False(OptionKeys.All.ContainsKey("AIMass:EffectiveGatewayPort")); // read-only: not a setting
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public void Tls_files_are_the_mounted_cluster_secret_and_nobody_turns_TLS_off(string variant)
    {
        var documents = Documents(variant);
        foreach (var deployment in Silos.Append("aimass-web"))
        {
            var container = Container(documents, deployment);
            var environment = ContainerEnvironment.Effective(container, documents);
            Assert.NotEqual("true", environment.GetValueOrDefault("AIMass__Tls__Disabled")?.ToLowerInvariant());
            var volumes = PodSpec(documents, deployment).Seq("volumes").Cast<YamlMappingNode>().ToList();
            foreach (var (setting, file) in new[] { ("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("AuthorityPath", "ca.crt") })
            {
                var path = environment.GetValueOrDefault($"AIMass__Tls__{setting}");
                Assert.True(path is not null, $"{deployment}: AIMass__Tls__{setting} is not set");
                var mount = Assert.Single(container.Seq("volumeMounts").Cast<YamlMappingNode>(),
                    m => path.StartsWith(m.Scalar("mountPath").TrimEnd('/') + "/", StringComparison.Ordinal));
                Assert.Equal("true", mount.Scalar("readOnly"));
                var secret = Assert.Single(volumes, v => v.Scalar("name") == mount.Scalar("name")).Map("secret");
                Assert.Equal("aimass-cluster-tls", secret.Scalar("secretName"));
                Assert.Empty(secret.Seq("items")); // every key of the secret appears under its own name
                Assert.Equal(file, path[(mount.Scalar("mountPath").TrimEnd('/').Length + 1)..]);
            }
        }
        // The secret is made by whoever installs (deploy/README.md): no overlay carries a certificate or a key.
        Assert.DoesNotContain(documents, d => d.Kind() == "Secret" && d.Name() == "aimass-cluster-tls");
        Assert.DoesNotContain(Directory.EnumerateFiles(Manifests.Folder, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [KubectlTheory]
    [MemberData(nameof(Variants))]
    public void Silo_and_gateway_ports_are_the_ones_the_silo_opens(string variant)
    {
        var documents = Documents(variant);
        foreach (var deployment in Silos)
        {
            var container = Container(documents, deployment);
            var environment = ContainerEnvironment.Effective(container, documents);
            Assert.Equal(int.Parse(environment["AIMass__SiloPort"]!, System.Globalization.CultureInfo.InvariantCulture), ContainerEnvironment.Port(container, "silo"));
            Assert.Equal(int.Parse(environment["AIMass__GatewayPort"]!, System.Globalization.CultureInfo.InvariantCulture), ContainerEnvironment.Port(container, "gateway"));
        }
    }

    [Fact]
    public void The_silo_image_has_the_ASP_NET_Core_runtime_that_its_health_routes_need()
    {
        var project = File.ReadAllText(Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "silo", "AIMass.Silo", "AIMass.Silo.csproj"));
        Assert.Contains("<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />", project);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfiles.RuntimeBase("silo.Dockerfile"));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfiles.RuntimeBase("web.Dockerfile"));
    }
}
