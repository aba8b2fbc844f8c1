namespace AIMass.Client.Tests.Deploy;

/// <summary>What the images under <c>deploy/docker</c> run on: the final stage's base image and environment.</summary>
public static class Dockerfiles
{
    public static string PathOf(string name) => Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "deploy", "docker", name);

    /// <summary>The instructions of a Dockerfile, continuation lines joined and comments dropped.</summary>
    public static List<string> Instructions(string name)
    {
        var joined = string.Join('\n', File.ReadAllLines(PathOf(name)).Where(l => !l.TrimStart().StartsWith('#')))
            .Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>The final stage's base image (its FROM, ARGs not expanded).</summary>
    public static string RuntimeBase(string name) =>
        Instructions(name).Last(i => i.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>The ENV settings of the final stage (<c>ENV A=1 B=2</c> form).</summary>
    public static Dictionary<string, string> Environment(string name)
    {
        var instructions = Instructions(name);
        var lastFrom = instructions.FindLastIndex(i => i.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        return instructions.Skip(lastFrom)
            .Where(i => i.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase))
            .SelectMany(i => i[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
    }
}
