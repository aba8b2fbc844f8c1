namespace AIMass.Silo.Storage;

/// <summary>
/// The service's files are its user's only: folders 0700, files 0600 (grain state, keys, data sets and models are a
/// tenant's data). No-ops on Windows, where the folder's inherited access control applies.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes every file and folder this process (and the trainers it starts) creates from now on its user's only
    /// (<c>umask 077</c>). Called by the service's entry points, not by a library that hosts a silo.
    /// </summary>
    public static void RestrictProcess()
    {
        if (!OperatingSystem.IsWindows()) umask(0b000_111_111);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);

    /// <summary>Creates <paramref name="path"/> (and missing parents) 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, Folder);
    }

    /// <summary>Makes <paramref name="path"/> 0600 when it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path)) System.IO.File.SetUnixFileMode(path, File);
    }

    /// <summary>Options for a new file created 0600 from the start.</summary>
    public static FileStreamOptions NewFile(int bufferSize = 81920)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File;
        return options;
    }
}
