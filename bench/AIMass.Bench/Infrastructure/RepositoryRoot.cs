namespace AIMass.Bench.Infrastructure;

/// <summary>Finds the folder that holds <c>AIMass.Orleans.sln</c>, from the working directory or the binary.</summary>
public static class RepositoryRoot
{
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AIMass.Orleans.sln"))) return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
