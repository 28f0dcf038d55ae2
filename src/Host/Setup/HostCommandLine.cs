using Tracker.BuildingBlocks.Modules;

namespace Tracker.Host.Setup;

/// <summary>
/// The host's command line: <c>Tracker.Host [verb [arguments]] [--Setting=value ...]</c>. Without a verb it serves;
/// with one (<c>migrate</c>, or one a module adds as an <see cref="IHostCommand"/>) it does that and exits.
/// </summary>
internal sealed record HostCommandLine(string? Verb, IReadOnlyList<string> VerbArguments, string[] HostArguments)
{
    public const string Migrate = "migrate";

    /// <summary>
    /// The verb is the first word that is neither an option (<c>--urls</c>, <c>--Key=value</c>) nor an option's
    /// value; the words after it, up to the next option, are its arguments. Options go to the host's configuration.
    /// </summary>
    public static HostCommandLine Parse(string[] args)
    {
        var hostArguments = new List<string>();
        var verbArguments = new List<string>();
        string? verb = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsOption(arg))
            {
                hostArguments.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !IsOption(args[i + 1]))
                {
                    hostArguments.Add(args[++i]);
                }
            }
            else if (verb is null)
            {
                verb = arg;
                while (i + 1 < args.Length && !IsOption(args[i + 1]))
                {
                    verbArguments.Add(args[++i]);
                }
            }
            else
            {
                hostArguments.Add(arg);
            }
        }

        return new HostCommandLine(verb, verbArguments, [.. hostArguments]);
    }

    private static bool IsOption(string arg) => arg.StartsWith('-') || arg.StartsWith('/') || arg.Contains('=', StringComparison.Ordinal);
}

internal static class HostVerbs
{
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunVerbAsync(this WebApplication app, string verb, IReadOnlyList<string> arguments)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<IHostCommand>().ToList();
        var isMigrate = verb.Equals(HostCommandLine.Migrate, StringComparison.OrdinalIgnoreCase) && arguments.Count == 0;
        var command = commands.FirstOrDefault(c => c.Name.Equals(verb, StringComparison.OrdinalIgnoreCase));
        if (!isMigrate && command is null)
        {
            await Console.Error.WriteLineAsync(
                $"Unknown command '{verb}'. Tracker.Host runs the service without a command, or one of:{Environment.NewLine}" +
                string.Join(Environment.NewLine, [$"  {HostCommandLine.Migrate}   apply every module's database migrations", .. commands.Select(c => $"  {c.Usage}")]));
            return 2;
        }

        try
        {
            if (isMigrate)
            {
                await app.MigrateDatabasesAsync();
                return 0;
            }

            return await command!.RunAsync(arguments, Console.Out, app.Lifetime.ApplicationStopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A database that is unreachable or not migrated yet: the reason in one line, no stack trace.
            await Console.Error.WriteLineAsync($"{verb} failed: {exception.GetBaseException().Message}");
            return 1;
        }
    }
}

/// <summary>A reason the host cannot start that the operator can fix: printed as one line, exit code 1.</summary>
internal sealed class HostStartException(string message) : Exception(message);
