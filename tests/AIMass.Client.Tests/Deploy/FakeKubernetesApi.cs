using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The least of an API server that <c>kubectl apply --dry-run=client</c> needs, on a loopback port: discovery of the
/// Kubernetes API groups and kinds the manifests use (legacy discovery documents) and 404 for every object, so that
/// each object is reported as "created (dry run)". No schemas: kubectl runs with <c>--validate=false</c>. A kind
/// missing here makes kubectl fail with "no matches for kind": add it only if the real API has it at that version.
/// </summary>
public sealed class FakeKubernetesApi : IDisposable
{
    /// <summary>Group/version, then each resource's plural name, kind and whether it is namespaced.</summary>
    private static readonly Dictionary<string, (string Plural, string Kind, bool Namespaced)[]> Groups = new()
    {
        ["v1"] =
        [
            ("configmaps", "ConfigMap", true), ("secrets", "Secret", true), ("services", "Service", true),
            ("serviceaccounts", "ServiceAccount", true), ("namespaces", "Namespace", false),
        ],
        ["apps/v1"] = [("deployments", "Deployment", true)],
        ["policy/v1"] = [("poddisruptionbudgets", "PodDisruptionBudget", true)],
        ["autoscaling/v2"] = [("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)],
        ["rbac.authorization.k8s.io/v1"] = [("roles", "Role", true), ("rolebindings", "RoleBinding", true)],
    };

    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakeKubernetesApi()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The server address for <c>kubectl -s</c>.</summary>
    public string Url { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var body = Discovery(context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body ?? new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "NotFound", code = 404 }));
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static object? Discovery(string path)
    {
        if (path == "/api") return new { kind = "APIVersions", versions = new[] { "v1" }, serverAddressByClientCIDRs = Array.Empty<object>() };
        if (path == "/apis")
        {
            return new
            {
                kind = "APIGroupList",
                apiVersion = "v1",
                groups = Groups.Keys.Where(g => g.Contains('/')).Select(g =>
                {
                    var version = new { groupVersion = g, version = g.Split('/')[1] };
                    return new { name = g.Split('/')[0], versions = new[] { version }, preferredVersion = version };
                }),
            };
        }
        var groupVersion = path.StartsWith("/apis/", StringComparison.Ordinal) ? path["/apis/".Length..] : path.StartsWith("/api/", StringComparison.Ordinal) ? path["/api/".Length..] : null;
        if (groupVersion is null || !Groups.TryGetValue(groupVersion, out var resources)) return null;
        return new
        {
            kind = "APIResourceList",
            apiVersion = "v1",
            groupVersion,
            resources = resources.Select(r => new
            {
                name = r.Plural,
                singularName = "",
                namespaced = r.Namespaced,
                kind = r.Kind,
                verbs = new[] { "create", "delete", "get", "list", "patch", "update", "watch" },
            }),
        };
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
