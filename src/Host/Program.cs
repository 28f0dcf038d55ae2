using Tracker.Host;
using Tracker.Host.Setup;

DotEnvFile.Load(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
var migrateOnly = args.Contains("migrate", StringComparer.OrdinalIgnoreCase);
var builder = WebApplication.CreateBuilder(args.Where(a => !a.Equals("migrate", StringComparison.OrdinalIgnoreCase)).ToArray());
builder.AddTrackerHost(TrackerModules.All);
var app = builder.Build();

if (migrateOnly)
{
    await app.MigrateDatabasesAsync();
    return;
}

app.UseTrackerPipeline();
await app.RunAsync();

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
