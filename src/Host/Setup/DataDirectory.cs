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

    private static readonly Dictionary<string, HeldLock> HeldLocks = new(StringComparer.Ordinal);

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
    /// One serving process per data directory: an exclusive lock on <c>tracker.lock</c> in it, held until the host
    /// stops (the operating system releases it even after kill -9). A second process gets a clear reason instead of
    /// two processes sharing files, keys and logs. Hosts within one process (integration tests run several on one
    /// database) share the lock.
    /// </summary>
    public static IDisposable Lock(string path)
    {
        var lockFile = Path.GetFullPath(Path.Combine(path, "tracker.lock"));
        lock (HeldLocks)
        {
            if (!HeldLocks.TryGetValue(lockFile, out var held))
            {
                held = new HeldLock(lockFile, Open(path, lockFile));
                HeldLocks[lockFile] = held;
            }

            held.Holders++;
            return held;
        }
    }

    private static FileStream Open(string path, string lockFile)
    {
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

    private sealed class HeldLock(string lockFile, FileStream stream) : IDisposable
    {
        public int Holders { get; set; }

        public void Dispose()
        {
            lock (HeldLocks)
            {
                if (--Holders == 0)
                {
                    HeldLocks.Remove(lockFile);
                    stream.Dispose();
                }
            }
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the whole host. "libc" is
    // mapped by the runtime to the C library of the platform (libc.so.6 on glibc Linux).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
#pragma warning restore SYSLIB1054
}
