using System.Security.Cryptography;
using System.Text;
using AIMass.Grains.Artifacts;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// The files trainer processes read and write, under one folder of this silo only its user may open: data set
/// versions copied once from the artifact store (a version's bytes never change; the most recent few are kept), and
/// one folder per job for its teacher, candidates and the model it writes, removed when the job ends.
/// </summary>
internal sealed class JobFiles
{
    private const int DatasetsKept = 16;
    private readonly IArtifactStore _store;
    private readonly string _datasets;
    private readonly string _jobs;
    private readonly SemaphoreSlim _staging = new(1, 1);

    public JobFiles(IArtifactStore store, string root)
    {
        _store = store;
        Root = root;
        _datasets = Path.Combine(root, "datasets");
        _jobs = Path.Combine(root, "jobs");
        foreach (var folder in new[] { root, _datasets, _jobs }) CreatePrivate(folder);
    }

    public string Root { get; }

    /// <summary>A local copy of the data set at <paramref name="artifactPath"/> in the store.</summary>
    public async Task<string> DatasetAsync(string artifactPath, CancellationToken ct)
    {
        var file = Path.Combine(_datasets, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(artifactPath)))[..32] + ".csv");
        await _staging.WaitAsync(ct);
        try
        {
            if (File.Exists(file))
            {
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
                return file;
            }
            await CopyAsync(artifactPath, file, ct);
            foreach (var old in new DirectoryInfo(_datasets).GetFiles("*.csv").OrderByDescending(f => f.LastWriteTimeUtc).Skip(DatasetsKept))
            {
                old.Delete(); // a trainer that has it open keeps reading it; the next job copies it again
            }
            return file;
        }
        finally
        {
            _staging.Release();
        }
    }

    /// <summary>A new, empty folder for one job.</summary>
    public string NewJobFolder()
    {
        var folder = Path.Combine(_jobs, Guid.NewGuid().ToString("N"));
        CreatePrivate(folder);
        return folder;
    }

    /// <summary>Copies an artifact from the store into <paramref name="file"/>.</summary>
    public async Task CopyAsync(string artifactPath, string file, CancellationToken ct)
    {
        var temporary = file + ".tmp";
        await using (var source = await _store.OpenReadAsync(artifactPath, ct))
        await using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await source.CopyToAsync(target, ct);
        }
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>
    /// Removes the trainer folders of silos that are gone (named <c>{prefix}{pid}-…</c>; a killed silo leaves its
    /// folder behind), never one whose process is alive.
    /// </summary>
    public static void DeleteOrphans(string parent, string prefix)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var folder in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var name = Path.GetFileName(folder)[prefix.Length..];
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var pid) || IsAlive(pid)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another user's, or in use: left alone
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void CreatePrivate(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
