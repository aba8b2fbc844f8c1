using YamlDotNet.RepresentationModel;

namespace AIMass.Client.Tests.Deploy;

/// <summary>What a container of a manifest sees: its environment (ConfigMaps through envFrom, then env, which wins) and its named ports.</summary>
public static class ContainerEnvironment
{
    /// <summary>
    /// The container's environment variables: a value, or null where it comes from elsewhere (secretKeyRef, fieldRef).
    /// ConfigMaps named in envFrom must be among <paramref name="documents"/>.
    /// </summary>
    public static Dictionary<string, string?> Effective(YamlMappingNode container, IReadOnlyCollection<YamlMappingNode> documents)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.Seq("envFrom").Cast<YamlMappingNode>())
        {
            var name = source.Map("configMapRef").Scalar("name");
            var configMap = Assert.Single(documents, d => d.Kind() == "ConfigMap" && d.Name() == name);
            foreach (var (key, value) in configMap.Map("data").Children) environment[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value;
        }
        foreach (var (name, entry) in container.Env()) environment[name] = entry.ScalarOrNull("value");
        return environment;
    }

    /// <summary>The container port a probe or Service names: a number, or the name of one of the container's ports.</summary>
    public static int Port(YamlMappingNode container, string port) =>
        int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : int.Parse(
                Assert.Single(container.Seq("ports").Cast<YamlMappingNode>(), p => p.ScalarOrNull("name") == port).Scalar("containerPort"),
                System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The port of a listen URL such as <c>http://+:8080</c> or <c>http://0.0.0.0:8080</c> (80 when none is given).</summary>
    public static int UrlPort(string url)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        return colon < 0 || authority.EndsWith(']') ? 80 : int.Parse(authority[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
