using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Tracker.BuildingBlocks.Modules;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Projects;
using Tracker.Modules.Projects.Contracts;
using Tracker.Modules.Projects.Data;

namespace Tracker.IntegrationTests.Messaging;

/// <summary>
/// Projects tells other modules what happened through its outbox: a project created, a project's status changed,
/// a step's status changed; a refused change tells nothing.
/// </summary>
public sealed class ProjectEventsTests : IAsyncLifetime
{
    private const string Base = ProjectsApi.Base;

    private TestDatabase _database = null!;
    private TrackerApp _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new TrackerApp(
            _database,
            services: services => new ProbeModule().Register(services, new ModuleContext(new ConfigurationBuilder().Build(), new HostingEnvironment(), _database.Options())));
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Creating_a_project_archiving_it_and_finishing_a_step_reach_subscribers()
    {
        var api = new ProjectsApi(await _app.AdminAsync());
        var category = await api.CreateCategoryAsync("Announced");
        var project = await api.CreateProjectAsync(category.Id(), "EV-1");
        var step = await api.AddStepAsync(project.Id(), "Foundation");

        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/steps/{step.Id()}/status", new { status = "done" }), HttpStatusCode.OK);
        await Http.ExpectAsync(await api.Client.PutAsJsonAsync($"{Base}/projects/status", new { projectIds = new[] { project.Id() }, status = "archived" }), HttpStatusCode.OK);
        await Http.ExpectProblemAsync(
            await api.Client.PutAsJsonAsync($"{Base}/projects/status", new { projectIds = new[] { project.Id(), Guid.NewGuid() }, status = "active" }),
            HttpStatusCode.UnprocessableEntity, "ERR_PROJECTS_UNKNOWN_IDS");

        var created = Assert.Single(await ReceivedAsync<ProjectCreated>(e => e.ProjectId == project.Id(), count: 1));
        Assert.Equal((category.Id(), "EV-1", "Project EV-1"), (created.CategoryId, created.Code, created.Name));
        var stepChanged = Assert.Single(await ReceivedAsync<StepStatusChanged>(e => e.StepId == step.Id(), count: 1));
        Assert.Equal((project.Id(), "todo", "done"), (stepChanged.ProjectId, stepChanged.FromStatus, stepChanged.ToStatus));

        var statusChanged = Assert.Single(await ReceivedAsync<ProjectStatusChanged>(e => e.ProjectId == project.Id(), count: 1));
        Assert.Equal("archived", statusChanged.Status);

        // The refused reactivation wrote nothing to the outbox: what was published is exactly what was received.
        var published = await _app.InScopeAsync(sp => sp.GetRequiredService<ProjectsDbContext>().OutboxMessages.AsNoTracking().Select(m => m.Type).ToListAsync());
        Assert.Equal(
            [typeof(ProjectCreated).FullName, typeof(ProjectStatusChanged).FullName, typeof(StepStatusChanged).FullName],
            published.Order());
    }

    /// <summary>What the subscriber received of one kind about one thing, once it has <paramref name="count"/> of them.</summary>
    private async Task<List<TEvent>> ReceivedAsync<TEvent>(Func<TEvent, bool> about, int count)
    {
        List<TEvent> received = [];
        await Http.EventuallyAsync(
            async () =>
            {
                var payloads = await _app.InScopeAsync(sp => sp.GetRequiredService<ProbeDbContext>().Received.AsNoTracking()
                    .Where(r => r.Kind == typeof(TEvent).Name).Select(r => r.Payload!).ToListAsync());
                received = [.. payloads.Select(p => JsonSerializer.Deserialize<TEvent>(p)!).Where(about)];
                return received.Count >= count;
            },
            $"the subscriber received {count} {typeof(TEvent).Name}");
        return received;
    }
}
