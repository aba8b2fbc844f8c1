using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>
/// Every route of the HTTP API with a request that names a victim's resources (for the isolation walk).
/// A test compares this table with the host's endpoints, so a new endpoint cannot be left out of the walk.
/// </summary>
public static partial class ApiRoutes
{
    /// <summary>What a wrong tenant must get: a refusal (403/404), or only its own (empty) data.</summary>
    public enum Expect { Refused, OwnDataOnly }

    /// <summary>One route: method, template as mapped, and how to call it against <see cref="Victim"/>.</summary>
    public sealed record Route(string Method, string RawTemplate, Func<Victim, string> Path, Func<HttpContent?> Body, Expect Expect)
    {
        /// <summary>The template as OpenAPI writes it (no route constraints).</summary>
        public string Template => Constraint().Replace(RawTemplate, "{$1}");

        public override string ToString() => $"{Method} {RawTemplate}";
    }

    /// <summary>The victim's resources: tenant, key id, data set, study, trial with a model, scenario, silo.</summary>
    public sealed record Victim(string Tenant, string KeyId, string Dataset, string Study, int Trial, string Scenario, string Silo);

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpContent PredictBody() =>
        Json("{\"rows\":[{\"sepal_length_(cm)\":5.1,\"sepal_width_(cm)\":3.5,\"petal_length_(cm)\":1.4,\"petal_width_(cm)\":0.2}]}");

    private static HttpContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("x,y\n1,a\n2,b\n3,a\n4,b\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "intruder-own.csv");
        return form;
    }

    public static IReadOnlyList<Route> All { get; } =
    [
        new("GET", "/api/me", _ => "/api/me", () => null, Expect.OwnDataOnly),
        new("GET", "/api/tenants", _ => "/api/tenants", () => null, Expect.Refused),
        new("POST", "/api/tenants", _ => "/api/tenants", () => Json("{\"tenantId\":\"sneaky\",\"displayName\":\"x\"}"), Expect.Refused),
        new("GET", "/api/tenants/{id}", v => $"/api/tenants/{v.Tenant}", () => null, Expect.Refused),
        new("PUT", "/api/tenants/{id}/quotas", v => $"/api/tenants/{v.Tenant}/quotas", () => Json("{\"maxConcurrentTrials\":1}"), Expect.Refused),
        new("PUT", "/api/tenants/{id}/weight", v => $"/api/tenants/{v.Tenant}/weight", () => Json("{\"weight\":0.1}"), Expect.Refused),
        new("POST", "/api/tenants/{id}/keys", v => $"/api/tenants/{v.Tenant}/keys", () => Json("{\"label\":\"stolen\"}"), Expect.Refused),
        new("POST", "/api/tenants/{id}/keys/{keyId}/rotate", v => $"/api/tenants/{v.Tenant}/keys/{v.KeyId}/rotate", () => null, Expect.Refused),
        new("DELETE", "/api/tenants/{id}/keys/{keyId}", v => $"/api/tenants/{v.Tenant}/keys/{v.KeyId}", () => null, Expect.Refused),
        new("POST", "/api/datasets", _ => "/api/datasets", Upload, Expect.OwnDataOnly),
        new("GET", "/api/datasets", _ => "/api/datasets", () => null, Expect.OwnDataOnly),
        new("GET", "/api/datasets/{id}", v => $"/api/datasets/{v.Dataset}", () => null, Expect.Refused),
        new("DELETE", "/api/datasets/{id}", v => $"/api/datasets/{v.Dataset}", () => null, Expect.Refused),
        new("POST", "/api/studies", v => "/api/studies", () => Json("{\"id\":\"quick\",\"datasetId\":\"iris\",\"target\":\"species\",\"pruner\":\"none\"}"), Expect.Refused),
        new("GET", "/api/studies", _ => "/api/studies", () => null, Expect.OwnDataOnly),
        new("GET", "/api/studies/{id}", v => $"/api/studies/{v.Study}", () => null, Expect.Refused),
        new("POST", "/api/studies/{id}/pause", v => $"/api/studies/{v.Study}/pause", () => null, Expect.Refused),
        new("POST", "/api/studies/{id}/resume", v => $"/api/studies/{v.Study}/resume", () => null, Expect.Refused),
        new("POST", "/api/studies/{id}/cancel", v => $"/api/studies/{v.Study}/cancel", () => null, Expect.Refused),
        new("DELETE", "/api/studies/{id}", v => $"/api/studies/{v.Study}", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/trials", v => $"/api/studies/{v.Study}/trials", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/leaderboards", v => $"/api/studies/{v.Study}/leaderboards", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/leaderboards/{scenario}", v => $"/api/studies/{v.Study}/leaderboards/{v.Scenario}", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/pareto", v => $"/api/studies/{v.Study}/pareto", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/importances", v => $"/api/studies/{v.Study}/importances", () => null, Expect.Refused),
        new("GET", "/api/studies/{id}/models/best", v => $"/api/studies/{v.Study}/models/best?scenario={v.Scenario}", () => null, Expect.Refused),
        new("POST", "/api/studies/{id}/predict", v => $"/api/studies/{v.Study}/predict", PredictBody, Expect.Refused),
        new("GET", "/api/models/{study}/{trial:int}", v => $"/api/models/{v.Study}/{v.Trial}", () => null, Expect.Refused),
        new("GET", "/api/models/{study}/{trial:int}/artifact", v => $"/api/models/{v.Study}/{v.Trial}/artifact", () => null, Expect.Refused),
        new("POST", "/api/models/{study}/{trial:int}/predict", v => $"/api/models/{v.Study}/{v.Trial}/predict", PredictBody, Expect.Refused),
        new("GET", "/api/admin/cluster", _ => "/api/admin/cluster", () => null, Expect.Refused),
        new("POST", "/api/admin/silos/{name}/drain", v => $"/api/admin/silos/{v.Silo}/drain", () => null, Expect.Refused),
        new("POST", "/api/admin/silos/{name}/undrain", v => $"/api/admin/silos/{v.Silo}/undrain", () => null, Expect.Refused),
    ];

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();
}
