namespace Tracker.BuildingBlocks.Modules;

/// <summary>
/// A maintenance verb that a module adds to the host (<c>Tracker.Host &lt;name&gt; [arguments]</c>, beside
/// <c>migrate</c>): it runs with the service's settings and databases instead of the server, then the process exits
/// with its code. Register it in the module's <see cref="IModule.Register"/> as a scoped <see cref="IHostCommand"/>.
/// </summary>
public interface IHostCommand
{
    /// <summary>The verb, e.g. <c>reset-admin-password</c>.</summary>
    string Name { get; }

    /// <summary>One line for the host's usage text, e.g. <c>reset-admin-password [username]</c>.</summary>
    string Usage { get; }

    /// <returns>The process exit code: 0 on success.</returns>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
