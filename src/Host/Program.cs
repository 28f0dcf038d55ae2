using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Host;
using Tracker.Host.Setup;

DotEnvFile.Load(DotEnvFile.Find(Directory.GetCurrentDirectory()));
var commandLine = HostCommandLine.Parse(args);
try
{
    var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
    builder.AddTrackerHost(TrackerModules.All);
    var app = builder.Build();

    if (commandLine.Verb is { } verb)
    {
        return await app.RunVerbAsync(verb, commandLine.VerbArguments);
    }

    using var dataDirectoryLock = DataDirectory.Lock(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory);
    ListenAddresses.EnsureFree(app);
    app.UseTrackerPipeline();
    await app.RunAsync();
    return 0;
}
catch (HostStartException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}
catch (IOException exception) when (exception.InnerException is AddressInUseException)
{
    // Taken between the check above and the server's own bind.
    await Console.Error.WriteLineAsync($"Tracker did not start: {exception.Message} Stop the process that listens there, or set ASPNETCORE_URLS to another address.");
    return 1;
}

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
