using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Identity.Contracts;
using Tracker.Modules.Miniatures.Contracts;
using Tracker.Modules.Projects.Contracts;

namespace Tracker.IntegrationTests.Messaging;

/// <summary>
/// A stand-in for another module that subscribes to Identity's, Miniatures' and Projects' events, plugged in the way a real
/// module is.
/// Usernames steer it: "fail-*" always throws, "flaky-*" throws on the first two attempts.
/// </summary>
public sealed class ProbeModule : IModule
{
    public string Name => "probe";

    public string Title => "Probe";

    public string Description => "Test subscriber of Identity's, Miniatures' and Projects' events.";

    public void Register(IServiceCollection services, ModuleContext context)
    {
        // The probe has no migrations: its tables come straight from the model (CreateProbeTables).
        services.AddModuleDbContext<ProbeDbContext, ProbeDbContext.Sqlite, ProbeDbContext.PostgreSql, ProbeDbContext.SqlServer>(
            context, Name, options => options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        services.AddIntegrationEventHandler<UserRegistered, UserRegisteredProbeHandler, ProbeDbContext>();
        services.AddIntegrationEventHandler<UserRoleChanged, UserRoleChangedProbeHandler, ProbeDbContext>();
        services.AddIntegrationEventHandler<MiniaturesMoved, MiniaturesMovedProbeHandler, ProbeDbContext>();
        services.AddIntegrationEventHandler<ProjectCreated, PayloadProbeHandler<ProjectCreated>, ProbeDbContext>();
        services.AddIntegrationEventHandler<ProjectStatusChanged, PayloadProbeHandler<ProjectStatusChanged>, ProbeDbContext>();
        services.AddIntegrationEventHandler<StepStatusChanged, PayloadProbeHandler<StepStatusChanged>, ProbeDbContext>();
        services.AddScoped<IStartupTask, CreateProbeTables>();
        services.AddSingleton<ProbeAttempts>();
    }
}

public sealed class ProbeAttempts
{
    private readonly Dictionary<Guid, int> _attempts = [];

    public int Next(Guid eventId)
    {
        lock (_attempts)
        {
            return _attempts[eventId] = _attempts.GetValueOrDefault(eventId) + 1;
        }
    }

    public int Of(Guid eventId)
    {
        lock (_attempts)
        {
            return _attempts.GetValueOrDefault(eventId);
        }
    }
}

public sealed class ReceivedEvent
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string Kind { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The event as the subscriber received it (JSON), where a test checks more than its kind and user.</summary>
    public string? Payload { get; set; }
}

public abstract class ProbeDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public DbSet<ReceivedEvent> Received => Set<ReceivedEvent>();

    protected override string Schema => "probe";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ReceivedEvent>().ToTable("received_events");
    }

    public sealed class Sqlite(DbContextOptions<Sqlite> options) : ProbeDbContext(options);

    public sealed class PostgreSql(DbContextOptions<PostgreSql> options) : ProbeDbContext(options);

    public sealed class SqlServer(DbContextOptions<SqlServer> options) : ProbeDbContext(options);
}

internal sealed class CreateProbeTables(ProbeDbContext db) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.Received.AnyAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }
    }
}

internal sealed class UserRegisteredProbeHandler(ProbeDbContext db, ProbeAttempts attempts) : IIntegrationEventHandler<UserRegistered>
{
    public Task Handle(UserRegistered integrationEvent, CancellationToken cancellationToken)
    {
        var attempt = attempts.Next(integrationEvent.Id);
        if (integrationEvent.Username.StartsWith("fail-", StringComparison.Ordinal)
            || (integrationEvent.Username.StartsWith("flaky-", StringComparison.Ordinal) && attempt <= 2))
        {
            throw new InvalidOperationException($"Probe refuses {integrationEvent.Username} (attempt {attempt}).");
        }

        db.Received.Add(new ReceivedEvent { EventId = integrationEvent.Id, Kind = nameof(UserRegistered), UserId = integrationEvent.UserId });
        return Task.CompletedTask;
    }
}

internal sealed class UserRoleChangedProbeHandler(ProbeDbContext db) : IIntegrationEventHandler<UserRoleChanged>
{
    public Task Handle(UserRoleChanged integrationEvent, CancellationToken cancellationToken)
    {
        db.Received.Add(new ReceivedEvent { EventId = integrationEvent.Id, Kind = $"{nameof(UserRoleChanged)}:{integrationEvent.NewRole}", UserId = integrationEvent.UserId });
        return Task.CompletedTask;
    }
}

internal sealed class MiniaturesMovedProbeHandler(ProbeDbContext db) : IIntegrationEventHandler<MiniaturesMoved>
{
    public Task Handle(MiniaturesMoved integrationEvent, CancellationToken cancellationToken)
    {
        db.Received.Add(new ReceivedEvent
        {
            EventId = integrationEvent.Id,
            Kind = nameof(MiniaturesMoved),
            UserId = integrationEvent.MovedBy,
            Payload = JsonSerializer.Serialize(integrationEvent),
        });
        return Task.CompletedTask;
    }
}

/// <summary>Keeps any event whole, under its type's name, for a test to read back.</summary>
internal sealed class PayloadProbeHandler<TEvent>(ProbeDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : Tracker.BuildingBlocks.Contracts.IntegrationEvent
{
    public Task Handle(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        db.Received.Add(new ReceivedEvent { EventId = integrationEvent.Id, Kind = typeof(TEvent).Name, Payload = JsonSerializer.Serialize(integrationEvent) });
        return Task.CompletedTask;
    }
}
