using YamlDotNet.RepresentationModel;

namespace AIMass.Client.Tests.Deploy;

/// <summary>The Kubernetes manifests describe a deployable, drainable, scalable service (checked on the parsed YAML).</summary>
public sealed class ManifestTests
{
    private static readonly List<YamlMappingNode> Base = Manifests.Base();

    private static IEnumerable<YamlMappingNode> Deployments(IEnumerable<YamlMappingNode> docs) => docs.Where(d => d.Kind() == "Deployment");

    private static YamlMappingNode Deployment(IEnumerable<YamlMappingNode> docs, string name) => Assert.Single(Deployments(docs), d => d.Name() == name);

    private static YamlMappingNode PodSpec(YamlMappingNode deployment) => deployment.Map("spec").Map("template").Map("spec");

    private static YamlMappingNode Container(YamlMappingNode deployment) => (YamlMappingNode)Assert.Single(PodSpec(deployment).Seq("containers"));

    [Fact]
    public void The_base_has_the_web_and_both_silo_pools_and_their_companions()
    {
        Assert.Equal(["aimass-silo-cpu", "aimass-silo-gpu", "aimass-web"], Deployments(Base).Select(d => d.Name()).Order());
        Assert.Contains(Base, d => d.Kind() == "Service" && d.Name() == "aimass-web");
        Assert.Contains(Base, d => d.Kind() == "ServiceAccount" && d.Name() == "aimass-silo");
        Assert.Equal(3, Base.Count(d => d.Kind() == "PodDisruptionBudget"));
        Assert.Single(Base, d => d.Kind() == "HorizontalPodAutoscaler");
    }

    [KubectlTheory]
    [InlineData("base")]
    [InlineData("production")]
    [InlineData("dev")]
    public void Every_deployment_has_resources_probes_labels_and_a_matching_selector(string variant)
    {
        var docs = variant == "base" ? Base : Manifests.Render(variant);
        foreach (var deployment in Deployments(docs))
        {
            var name = deployment.Name();
            var template = deployment.Map("spec").Map("template");
            var podLabels = template.Map("metadata").Labels();
            var selector = deployment.Map("spec").Map("selector").Map("matchLabels").Children
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value);
            Assert.NotEmpty(selector);
            Assert.All(selector, kv => Assert.Equal(kv.Value, podLabels.GetValueOrDefault(kv.Key)));
            Assert.True(podLabels.ContainsKey("app.kubernetes.io/name"), $"{name}: pods need app.kubernetes.io/name");
            foreach (var container in PodSpec(deployment).Seq("containers").Cast<YamlMappingNode>())
            {
                var resources = container.Map("resources");
                Assert.True(resources.Map("requests").Children.ContainsKey(new YamlScalarNode("cpu")), $"{name}: cpu request");
                Assert.True(resources.Map("requests").Children.ContainsKey(new YamlScalarNode("memory")), $"{name}: memory request");
                Assert.True(resources.Map("limits").Children.ContainsKey(new YamlScalarNode("memory")), $"{name}: memory limit");
                Assert.NotNull(container.MapOrNull("readinessProbe"));
                Assert.NotNull(container.MapOrNull("livenessProbe"));
                Assert.False(string.IsNullOrWhiteSpace(container.Scalar("image")), $"{name}: image");
            }
        }
    }

    [Theory]
    [InlineData("aimass-silo-cpu", "cpu")]
    [InlineData("aimass-silo-gpu", "cuda:0")]
    public void Silos_carry_what_Orleans_Kubernetes_hosting_and_the_silo_metadata_need(string name, string devices)
    {
        var deployment = Deployment(Base, name);
        var pod = deployment.Map("spec").Map("template");
        var labels = pod.Map("metadata").Labels();
        Assert.Equal("aimass", labels["orleans/serviceId"]);
        Assert.Equal("aimass", labels["orleans/clusterId"]);
        Assert.Equal("aimass-silo", PodSpec(deployment).Scalar("serviceAccountName"));

        var env = Container(deployment).Env();
        foreach (var (variable, path) in new[]
        {
            ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP"),
            ("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']"), ("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']"),
        })
        {
            Assert.Equal(path, env[variable].Map("valueFrom").Map("fieldRef").Scalar("fieldPath"));
        }
        Assert.Equal(devices, env["AIMass__Silo__Devices"].Scalar("value"));
        Assert.Equal("$(POD_NAME)", env["AIMass__Silo__Name"].Scalar("value"));
        var secret = env["AIMass__AzureStorageConnectionString"].Map("valueFrom").Map("secretKeyRef");
        Assert.Equal("aimass-storage", secret.Scalar("name"));

        var settings = Assert.Single(Base, d => d.Kind() == "ConfigMap" && d.Name() == "aimass-settings").Map("data");
        Assert.Equal("AzureStorage", settings.Scalar("AIMass__Storage"));
        Assert.Equal(labels["orleans/serviceId"], settings.Scalar("AIMass__ServiceId"));
        Assert.Equal(labels["orleans/clusterId"], settings.Scalar("AIMass__ClusterId"));
        Assert.Contains(Container(deployment).Seq("envFrom").Cast<YamlMappingNode>(), e => e.Map("configMapRef").Scalar("name") == "aimass-settings");

        // Long enough to hand running trials back and leave the cluster; the host's own shutdown timeout fits inside it.
        var grace = int.Parse(PodSpec(deployment).Scalar("terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace >= 60, $"{name}: grace period {grace} s");
        Assert.True(int.Parse(env["DOTNET_SHUTDOWNTIMEOUTSECONDS"].Scalar("value"), System.Globalization.CultureInfo.InvariantCulture) < grace);
    }

    [Fact]
    public void The_gpu_pool_requests_gpus_on_gpu_nodes()
    {
        var gpu = Deployment(Base, "aimass-silo-gpu");
        var resources = Container(gpu).Map("resources");
        Assert.Equal("1", resources.Map("limits").Scalar("nvidia.com/gpu"));
        Assert.Equal("1", resources.Map("requests").Scalar("nvidia.com/gpu"));
        var pod = PodSpec(gpu);
        Assert.Equal("true", pod.Map("nodeSelector").Scalar("nvidia.com/gpu.present"));
        Assert.Contains(pod.Seq("tolerations").Cast<YamlMappingNode>(), t => t.Scalar("key") == "nvidia.com/gpu" && t.Scalar("effect") == "NoSchedule");
        Assert.Equal("gpu", gpu.Map("spec").Map("template").Map("metadata").Labels()["aimass/role"]);
        Assert.Equal("aimass-silo-cuda", Container(gpu).Scalar("image"));

        var cpu = Deployment(Base, "aimass-silo-cpu");
        Assert.Null(Container(cpu).Map("resources").Map("limits").ScalarOrNull("nvidia.com/gpu"));
        Assert.Null(PodSpec(cpu).MapOrNull("nodeSelector"));
    }

    [Fact]
    public void Disruption_budgets_cover_every_pool_and_the_gpu_pool_scales_on_queue_depth()
    {
        foreach (var deployment in Deployments(Base))
        {
            var podLabels = deployment.Map("spec").Map("template").Map("metadata").Labels();
            var pdb = Assert.Single(Base.Where(d => d.Kind() == "PodDisruptionBudget"), p =>
                p.Map("spec").Map("selector").Map("matchLabels").Children.All(kv => podLabels.GetValueOrDefault(((YamlScalarNode)kv.Key).Value!) == ((YamlScalarNode)kv.Value).Value));
            Assert.Equal("1", pdb.Map("spec").Scalar("maxUnavailable"));
        }

        var hpa = Assert.Single(Base, d => d.Kind() == "HorizontalPodAutoscaler");
        Assert.Equal("autoscaling/v2", hpa.Scalar("apiVersion"));
        var spec = hpa.Map("spec");
        Assert.Equal("aimass-silo-gpu", spec.Map("scaleTargetRef").Scalar("name"));
        var metric = (YamlMappingNode)Assert.Single(spec.Seq("metrics"));
        Assert.Equal("External", metric.Scalar("type"));
        Assert.Equal("aimass_queue_depth", metric.Map("external").Map("metric").Scalar("name"));
        Assert.True(int.Parse(spec.Scalar("minReplicas"), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(int.Parse(spec.Scalar("maxReplicas"), System.Globalization.CultureInfo.InvariantCulture) > int.Parse(spec.Scalar("minReplicas"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_role_lets_Orleans_watch_and_delete_pods_and_is_bound_to_the_silo_account()
    {
        var role = Assert.Single(Base, d => d.Kind() == "Role");
        var rule = (YamlMappingNode)Assert.Single(role.Seq("rules"));
        Assert.Equal(["pods"], rule.Seq("resources").Select(n => ((YamlScalarNode)n).Value));
        var verbs = rule.Seq("verbs").Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.All(new[] { "get", "list", "watch", "delete" }, v => Assert.Contains(v, verbs));
        var binding = Assert.Single(Base, d => d.Kind() == "RoleBinding");
        Assert.Equal(role.Name(), binding.Map("roleRef").Scalar("name"));
        Assert.Contains(binding.Seq("subjects").Cast<YamlMappingNode>(), s => s.Scalar("kind") == "ServiceAccount" && s.Scalar("name") == "aimass-silo");
    }

    [Fact]
    public void The_web_host_runs_as_a_client_with_the_admin_key_and_storage_from_secrets()
    {
        var env = Container(Deployment(Base, "aimass-web")).Env();
        Assert.Equal("Client", env["AIMass__Web__Mode"].Scalar("value"));
        Assert.Equal("aimass-storage", env["AIMass__AzureStorageConnectionString"].Map("valueFrom").Map("secretKeyRef").Scalar("name"));
        Assert.Equal("aimass-admin", env["AIMass__AdminKey"].Map("valueFrom").Map("secretKeyRef").Scalar("name"));
        var service = Assert.Single(Base, d => d.Kind() == "Service" && d.Name() == "aimass-web");
        Assert.Equal("aimass-web", service.Map("spec").Map("selector").Scalar("app.kubernetes.io/name"));
    }

    [KubectlFact]
    public void Overlays_render_with_their_namespace_pinned_images_and_a_gpu_stand_in_for_dev()
    {
        var production = Manifests.Render("production");
        var dev = Manifests.Render("dev");
        Assert.All(production.Where(d => d.Kind() != "Namespace"), d => Assert.Equal("aimass", d.Map("metadata").ScalarOrNull("namespace")));
        Assert.All(Deployments(production), d => Assert.StartsWith("registry.example.com/aimass/", Container(d).Scalar("image")));
        Assert.EndsWith("-cuda", Container(Deployment(production, "aimass-silo-gpu")).Scalar("image"));

        var devGpu = Deployment(dev, "aimass-silo-gpu");
        Assert.Null(PodSpec(devGpu).MapOrNull("nodeSelector"));
        Assert.Equal("true", Container(devGpu).Env()["AIMass__Silo__FakeGpu"].Scalar("value"));
        Assert.Equal("cuda:0", Container(devGpu).Env()["AIMass__Silo__Devices"].Scalar("value"));
        Assert.Contains(dev, d => d.Kind() == "Secret" && d.Name() == "aimass-storage");
    }
}
