using System.Runtime.InteropServices;

namespace Tracker.Host.Setup;

/// <summary>
/// The data directory holds the databases, the token signing key and the logs: nobody but the service's own user
/// may read it. On Unix it is created owner-only (700), and the process's umask is set to 077 first, so every file
/// it creates there from then on (SQLite files with their WAL and SHM companions, the key, log files) is 600, and
/// every folder 700. Windows keeps the folder's inherited ACL.
/// </summary>
internal static class DataDirectory
{
    private const uint OwnerOnly = 0b000_111_111; // umask 077: nothing for group and others

    public static void Prepare(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        _ = SetUmask(OwnerOnly);
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// One serving host per data directory: an exclusive lock on <c>tracker.lock</c> in it, held until the process
    /// ends (the operating system releases it even after kill -9). A second host gets a clear reason instead of two
    /// hosts sharing files, keys and logs.
    /// </summary>
    public static IDisposable Lock(string path)
    {
        var lockFile = Path.Combine(path, "tracker.lock");
        try
        {
            var stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            throw new HostStartException(
                $"Tracker did not start: the data directory {path} is in use by another Tracker process (it holds {lockFile}). Stop that one, or set DataDirectory to another folder.");
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the whole host. "libc" is
    // mapped by the runtime to the C library of the platform (libc.so.6 on glibc Linux).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
#pragma warning restore SYSLIB1054
}
