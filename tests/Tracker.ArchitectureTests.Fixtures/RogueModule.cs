using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Contracts;
using Tracker.BuildingBlocks.Modules;
using Tracker.Modules.Identity;

namespace Tracker.Modules.Rogue
{
    public sealed class RogueModule : IModule
    {
        public string Name => "rogue";

        public string Title => "Rogue";

        public string Description => "Breaks every rule.";

        // Breaks isolation: reaches into another module's implementation assembly instead of its Contracts.
        public void Register(IServiceCollection services, ModuleContext context) => new IdentityModule().Register(services, context);
    }

    // Breaks visibility: only the entry point may be public.
    public sealed class LeakedService;

    // Breaks naming: a command not called *Command, a handler not called *CommandHandler, a validator not called *Validator.
    internal sealed record DoThing(int Amount) : ICommand<int>;

    internal sealed class DoThingProcessor : ICommandHandler<DoThing, int>
    {
        public ValueTask<int> Handle(DoThing command, CancellationToken cancellationToken) => ValueTask.FromResult(command.Amount);
    }

    internal sealed class ThingChecker : AbstractValidator<DoThing>;
}

namespace Tracker.Modules.Rogue.Contracts
{
    // Breaks the contracts rules: not sealed, mutable, and depends on a persistence library.
    public record RogueHappened(Guid Id, DateTimeOffset OccurredAt) : IntegrationEvent(Id, OccurredAt)
    {
        public Microsoft.EntityFrameworkCore.EntityState State { get; set; }
    }
}

namespace Tracker.Fixtures.RogueHost
{
    // Breaks the host rule: a host touching a module's internals rather than its entry point.
    public static class RogueComposition
    {
        public static object Wire() => new Tracker.Modules.Rogue.DoThingProcessor();
    }
}

namespace Tracker.Modules.Rogue.Features.Lend
{
    internal sealed record LendResponse;

    // Breaks handler placement: reacts to an integration event outside IntegrationEvents/.
    internal sealed class RogueHappenedHandler : Tracker.BuildingBlocks.Messaging.IIntegrationEventHandler<Contracts.RogueHappened>
    {
        public Task Handle(Contracts.RogueHappened integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

namespace Tracker.Modules.Rogue.Features.Borrow
{
    // Breaks slice separation: one slice using another slice's type instead of Features/Shared.
    internal sealed class BorrowingHandler
    {
        public object Borrow() => new Features.Lend.LendResponse();
    }
}

namespace Tracker.Modules.Rogue.Domain
{
    // Breaks domain purity: an entity that knows EF Core and a slice.
    internal sealed class Gadget
    {
        public Microsoft.EntityFrameworkCore.DbContext? Context { get; init; }

        public Features.Lend.LendResponse? Lent { get; init; }
    }
}

namespace Tracker.Modules.Rogue.Data
{
    // Breaks the persistence rule: Data reaching into a slice.
    internal static class GadgetStore
    {
        public static object Load() => new Features.Lend.LendResponse();
    }

    // Breaks the mechanism-tables rule: module code reading BuildingBlocks' outbox rows.
    internal static class OutboxPeek
    {
        public static int Pending(IEnumerable<Tracker.BuildingBlocks.Messaging.OutboxMessage> rows) => rows.Count(r => r.ProcessedAt is null);
    }
}

namespace Tracker.Modules.Rogue
{
    // Breaks unique error codes: reuses a code BuildingBlocks already defines.
    internal static class RogueErrors
    {
        public static readonly Tracker.BuildingBlocks.Results.Error Invalid = new(
            "ERR_VALIDATION", Tracker.BuildingBlocks.Results.ErrorKind.BadRequest, new("Invalid", "Неверно"), new("Invalid.", "Неверно."));
    }

    // Breaks the route rule: one route under the module's prefix, one escaping into another module's space.
    internal static class RogueRoutes
    {
        public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
        {
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/api/v1/rogue/fine", () => "fine");
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/api/v1/identity/users/stolen", () => "stolen");
        }
    }
}
