using NetArchTest.Rules;

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
    public void Host_rule_catches_a_host_touching_module_internals()
    {
        var rogueHost = Types.InAssembly(Fixture).That().ResideInNamespace("Tracker.Fixtures.RogueHost");
        Assert.Equal(["Tracker.Fixtures.RogueHost.RogueComposition"], ArchitectureRules.HostUsesEntryPointsOnly(rogueHost, [Fixture]));
    }
}
