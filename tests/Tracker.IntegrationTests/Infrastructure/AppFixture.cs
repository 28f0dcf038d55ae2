namespace Tracker.IntegrationTests.Infrastructure;

/// <summary>One host on one fresh database, shared by the tests of a class.</summary>
public class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private TrackerApp? _app;

    public TrackerApp App => _app ?? throw new InvalidOperationException("Fixture not initialised.");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Replaces services of the host (e.g. the clock) before it starts.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new TrackerApp(_database, Settings, ConfigureServices);
        _ = _app.Server; // start now, so that a broken start fails here and not inside a test
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
