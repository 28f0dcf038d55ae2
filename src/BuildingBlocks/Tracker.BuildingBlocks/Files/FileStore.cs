using System.Security.Cryptography;

namespace Tracker.BuildingBlocks.Files;

/// <summary>
/// Files a module keeps beside its database (attachments, release packages), under one folder of the data
/// directory. A file is named by the id of the row that describes it, never by anything a client sent, so no
/// name can reach outside the folder. Bodies are received into a temporary file while their SHA-256 is computed,
/// and become the row's file only when the caller keeps them: a refused or failed upload leaves nothing behind.
/// </summary>
public sealed class FileStore
{
    private const string IncomingFolder = "incoming";
    private const int BufferSize = 81_920;

    private readonly string _root;

    public FileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, IncomingFolder));
    }

    /// <summary>Where the file of a row is: two levels, so that no folder holds more than a few thousand files.</summary>
    public string PathOf(Guid id)
    {
        var name = id.ToString("N");
        return Path.Combine(_root, name[..2], name);
    }

    public bool Exists(Guid id) => File.Exists(PathOf(id));

    /// <summary>
    /// Copies <paramref name="body"/> into a temporary file, hashing it on the way. Null when it holds more than
    /// <paramref name="maxBytes"/>: reading stops there and the partial file is deleted.
    /// </summary>
    public async Task<IncomingFile?> ReceiveAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, IncomingFolder, $"{Guid.NewGuid():N}.part");
        var incoming = new IncomingFile(path);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        incoming.Dispose();
                        return null;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            incoming.Complete(size, Convert.ToHexStringLower(hash.GetHashAndReset()));
            return incoming;
        }
        catch
        {
            incoming.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes a received file the file of <paramref name="id"/> as <paramref name="commit"/> records its row (the
    /// row saved, its transaction still open): a commit that fails takes the file back, so neither stays alone.
    /// </summary>
    public async Task KeepAsync(IncomingFile incoming, Guid id, Func<Task> commit)
    {
        var target = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        incoming.MoveTo(target);
        try
        {
            await commit();
        }
        catch
        {
            Delete(id);
            throw;
        }
    }

    /// <summary>The ids of the files kept (not those still being received).</summary>
    public IEnumerable<Guid> KeptIds() =>
        Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 })
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) != IncomingFolder)
            .Select(path => Guid.TryParseExact(Path.GetFileName(path), "N", out var id) && PathOf(id) == path ? id : (Guid?)null)
            .OfType<Guid>();

    /// <summary>
    /// Deletes every body still being received: called at start-up, when no request is, so they are what a process
    /// that stopped in the middle of an upload left. Answers how many there were.
    /// </summary>
    public int ClearIncoming()
    {
        var left = Directory.GetFiles(Path.Combine(_root, IncomingFolder));
        foreach (var path in left)
        {
            File.Delete(path);
        }

        return left.Length;
    }

    /// <summary>Deletes the file of a row that is gone; a file already missing is no error.</summary>
    public void Delete(Guid id) => File.Delete(PathOf(id));

    /// <summary>Deletes the files of rows that are gone.</summary>
    public void Delete(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            Delete(id);
        }
    }
}

/// <summary>A received body in its temporary file: deleted on dispose unless it was kept.</summary>
public sealed class IncomingFile : IDisposable
{
    private string? _path;

    internal IncomingFile(string path) => _path = path;

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    internal void Complete(long size, string sha256) => (Size, Sha256) = (size, sha256);

    internal void MoveTo(string target)
    {
        File.Move(_path ?? throw new InvalidOperationException("The file was kept or deleted already."), target, overwrite: true);
        _path = null;
    }

    public void Dispose()
    {
        if (_path is not null)
        {
            File.Delete(_path);
            _path = null;
        }
    }
}
