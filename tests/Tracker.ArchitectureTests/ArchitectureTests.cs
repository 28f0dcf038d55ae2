using Microsoft.AspNetCore.Routing;
using NetArchTest.Rules;
using Tracker.BuildingBlocks.Http;
using Tracker.Host;

namespace Tracker.ArchitectureTests;

public sealed class ArchitectureTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Modules_depend_only_on_building_blocks_and_other_modules_contracts(string module)
    {
        var assembly = ModuleCatalog.Module(module);
        Assert.Empty(ArchitectureRules.ModuleIsolation(assembly, ModuleCatalog.Modules.Where(m => m != assembly), ModuleCatalog.Host));
        var referencedModules = assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Tracker.Modules.", StringComparison.Ordinal) && !n.EndsWith(".Contracts", StringComparison.Ordinal));
        Assert.Empty(referencedModules);
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModulesWithContracts), MemberType = typeof(ModuleCatalog))]
    public void Contracts_hold_only_sealed_immutable_events_with_no_other_dependencies(string module)
    {
        var contracts = ModuleCatalog.Contracts(ModuleCatalog.Module(module))!;
        Assert.Empty(ArchitectureRules.ContractsArePlainEvents(Types.InAssembly(contracts).That().ResideInNamespaceStartingWith(contracts.GetName().Name!), contracts.GetName().Name!));
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Only_the_module_entry_point_is_public(string module)
    {
        var assembly = ModuleCatalog.Module(module);
        Assert.Empty(ArchitectureRules.OnlyEntryPointIsPublic(Types.InAssembly(assembly).That().ResideInNamespaceStartingWith("Tracker")));
        Assert.Single(assembly.GetExportedTypes());
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Commands_queries_handlers_validators_and_endpoints_follow_the_naming_conventions(string module)
    {
        var assembly = ModuleCatalog.Module(module);
        Assert.Empty(ArchitectureRules.NamingConventions(() => Types.InAssembly(assembly).That().ResideInNamespaceStartingWith("Tracker")));
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void A_slice_uses_shared_code_domain_and_data_but_never_another_slice(string module) =>
        Assert.Empty(ArchitectureRules.SlicesStayApart(ModuleCatalog.Module(module)));

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void The_domain_depends_on_neither_data_features_ef_core_nor_aspnet_core(string module) =>
        Assert.Empty(ArchitectureRules.DomainIsPlain(ModuleCatalog.Module(module)));

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Data_does_not_depend_on_features(string module) =>
        Assert.Empty(ArchitectureRules.DataIgnoresFeatures(ModuleCatalog.Module(module)));

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Outbox_inbox_and_idempotency_rows_are_named_only_by_compiled_models(string module) =>
        Assert.Empty(ArchitectureRules.MechanismTablesStayInBuildingBlocks(ModuleCatalog.Module(module)));

    [Theory]
    [MemberData(nameof(ModuleCatalog.ModuleNames), MemberType = typeof(ModuleCatalog))]
    public void Integration_event_handlers_live_in_IntegrationEvents(string module) =>
        Assert.Empty(ArchitectureRules.IntegrationEventHandlersInPlace(ModuleCatalog.Module(module)));

    [Fact]
    public void Error_codes_are_unique_across_all_modules() =>
        Assert.Empty(ArchitectureRules.DuplicateErrorCodes([typeof(Tracker.BuildingBlocks.Results.Error).Assembly, .. ModuleCatalog.Modules]));

    [Fact]
    public void Every_route_is_under_its_modules_prefix()
    {
        var names = TrackerModules.All.ToDictionary(m => m.GetType().Assembly, m => m.Name);
        Assert.Empty(ArchitectureRules.RoutesUnderModulePrefix(HostEndpoints.All, names));
        Assert.All(TrackerModules.All, m => Assert.Contains(HostEndpoints.All.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText!.StartsWith(ModuleRoutes.PrefixOf(m.Name) + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_module_endpoint_has_a_unique_operation_name_taken_from_its_slice()
    {
        var moduleEndpoints = HostEndpoints.All.Where(e => e.Metadata.GetMetadata<ModuleEndpointMetadata>() is not null).ToList();
        var names = moduleEndpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).ToList();
        Assert.NotEmpty(names);
        Assert.DoesNotContain(null, names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("moveMiniatures", names);
        Assert.Contains("getUser", names);
    }

    [Fact]
    public void The_host_touches_modules_only_through_their_entry_points()
    {
        Assert.Empty(ArchitectureRules.HostUsesEntryPointsOnly(Types.InAssembly(ModuleCatalog.Host).That().DoNotResideInNamespaceStartingWith("Mediator"), ModuleCatalog.Modules));
    }
}

/// <summary>Each rule, applied to the deliberately broken fixture module, reports exactly the types that break it.</summary>
public sealed class ArchitectureRulesCanFailTests
{
    private const string Rogue = "Tracker.Modules.Rogue";
    private static readonly System.Reflection.Assembly Fixture = typeof(Tracker.Modules.Rogue.RogueModule).Assembly;

    private static PredicateList RogueModuleTypes => Types.InAssembly(Fixture).That().ResideInNamespace(Rogue).And().DoNotResideInNamespaceStartingWith(Rogue + ".Contracts");

    [Fact]
    public void Isolation_rule_catches_a_module_using_another_modules_implementation()
    {
        var failing = ArchitectureRules.ModuleIsolation(Fixture, ModuleCatalog.Modules, ModuleCatalog.Host);
        Assert.Contains($"{Rogue}.RogueModule", failing);
    }

    [Fact]
    public void Contracts_rule_catches_unsealed_mutable_events_with_foreign_dependencies()
    {
        var failing = ArchitectureRules.ContractsArePlainEvents(Types.InAssembly(Fixture).That().ResideInNamespace(Rogue + ".Contracts"), Rogue + ".Contracts");
        // Once each for the foreign dependency, the missing 'sealed' and the settable property.
        Assert.Equal(Enumerable.Repeat($"{Rogue}.Contracts.RogueHappened", 3), failing);
    }

    [Fact]
    public void Visibility_rule_catches_a_public_type_besides_the_entry_point()
    {
        Assert.Equal([$"{Rogue}.LeakedService"], ArchitectureRules.OnlyEntryPointIsPublic(RogueModuleTypes));
    }

    [Fact]
    public void Naming_rule_catches_misnamed_commands_handlers_and_validators()
    {
        var failing = ArchitectureRules.NamingConventions(() => RogueModuleTypes);
        Assert.Contains($"{Rogue}.DoThing", failing);
        Assert.Contains($"{Rogue}.DoThingProcessor", failing);
        Assert.Contains($"{Rogue}.ThingChecker", failing);
    }

    [Fact]
    public void Slice_rule_catches_a_slice_using_another_slice() =>
        Assert.Equal([$"{Rogue}.Features.Borrow.BorrowingHandler"], ArchitectureRules.SlicesStayApart(Fixture, Rogue));

    [Fact]
    public void Domain_rule_catches_an_entity_that_knows_ef_core_and_a_slice() =>
        Assert.Equal([$"{Rogue}.Domain.Gadget"], ArchitectureRules.DomainIsPlain(Fixture, Rogue));

    [Fact]
    public void Data_rule_catches_persistence_reaching_into_a_slice() =>
        Assert.Equal([$"{Rogue}.Data.GadgetStore"], ArchitectureRules.DataIgnoresFeatures(Fixture, Rogue));

    [Fact]
    public void Mechanism_tables_rule_catches_a_module_reading_the_outbox_itself() =>
        Assert.Equal([$"{Rogue}.Data.OutboxPeek"], ArchitectureRules.MechanismTablesStayInBuildingBlocks(Fixture, Rogue));

    [Fact]
    public void Handler_rule_catches_an_integration_event_handler_outside_IntegrationEvents() =>
        Assert.Equal([$"{Rogue}.Features.Lend.RogueHappenedHandler"], ArchitectureRules.IntegrationEventHandlersInPlace(Fixture, Rogue));

    [Fact]
    public void Error_code_rule_catches_a_code_defined_twice() =>
        Assert.Equal(["ERR_VALIDATION"], ArchitectureRules.DuplicateErrorCodes([typeof(Tracker.BuildingBlocks.Results.Error).Assembly, Fixture]));

    [Fact]
    public void Route_rule_catches_a_route_outside_the_modules_prefix()
    {
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder().Build();
        Tracker.Modules.Rogue.RogueRoutes.Map(app);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints);
        Assert.Equal(["/api/v1/identity/users/stolen"], ArchitectureRules.RoutesUnderModulePrefix(endpoints, new Dictionary<System.Reflection.Assembly, string> { [Fixture] = "rogue" }));
    }

    [Fact]
    public void Host_rule_catches_a_host_touching_module_internals()
    {
        var rogueHost = Types.InAssembly(Fixture).That().ResideInNamespace("Tracker.Fixtures.RogueHost");
        Assert.Equal(["Tracker.Fixtures.RogueHost.RogueComposition"], ArchitectureRules.HostUsesEntryPointsOnly(rogueHost, [Fixture]));
    }
}
