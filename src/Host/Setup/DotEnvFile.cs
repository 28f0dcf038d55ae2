namespace Tracker.Host.Setup;

/// <summary>
/// Reads an optional <c>.env</c> file (KEY=VALUE lines, # comments) into the process environment. Variables that
/// are already set win, so the real environment always overrides the file.
/// </summary>
internal static class DotEnvFile
{
    /// <summary>
    /// The <c>.env</c> of the working directory or, inside a source checkout, of the nearest folder above it up to
    /// the repository root (the folder with <c>.git</c>): <c>dotnet run --project src/Host</c> runs in
    /// <c>src/Host</c>, the file sits at the root. Outside a checkout only the working directory counts, so a
    /// deployed host never picks up a stray file from a parent folder.
    /// </summary>
    public static string? Find(string workingDirectory)
    {
        var candidates = new List<string>();
        for (var folder = new DirectoryInfo(workingDirectory); folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, ".env"));
            if (Path.Exists(Path.Combine(folder.FullName, ".git")))
            {
                return candidates.FirstOrDefault(File.Exists);
            }
        }

        return File.Exists(candidates[0]) ? candidates[0] : null;
    }

    public static void Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var key = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (Environment.GetEnvironmentVariable(key) is null)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }
}
