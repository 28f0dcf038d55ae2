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
