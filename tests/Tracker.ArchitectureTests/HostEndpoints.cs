using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tracker.ArchitectureTests;

/// <summary>The endpoints the real host maps, read once from a host started on a throwaway SQLite directory.</summary>
internal static class HostEndpoints
{
    private static readonly Lazy<IReadOnlyList<Endpoint>> Endpoints = new(Load);

    public static IReadOnlyList<Endpoint> All => Endpoints.Value;

    private static IReadOnlyList<Endpoint> Load()
    {
        var data = Directory.CreateTempSubdirectory("tracker-arch-");
        try
        {
            using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
                .UseEnvironment("Testing")
                .UseSetting("DataDirectory", data.FullName)
                .UseSetting("Identity:BootstrapAdminPassword", "Architecture-Tests-Pw1")
                .UseSetting("Outbox:Enabled", "false"));
            return [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }
}
