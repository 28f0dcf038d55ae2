using System.Reflection;
using System.Text.RegularExpressions;
using Carter;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetArchTest.Rules;
using Tracker.BuildingBlocks.Contracts;
using Tracker.BuildingBlocks.Http;
using Tracker.BuildingBlocks.Messaging;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.BuildingBlocks.Results;

namespace Tracker.ArchitectureTests;

/// <summary>
/// The architecture rules, each a function from the code under inspection to the names of the types that break
/// it. The tests apply them to every module the host lists (so a new module is covered without new tests) and to
/// a deliberately broken fixture (so every rule is shown to be able to fail).
/// </summary>
internal static class ArchitectureRules
{
    /// <summary>A module's types depend on no other module's implementation and not on the host.</summary>
    public static IReadOnlyList<string> ModuleIsolation(Assembly module, IEnumerable<Assembly> otherModules, Assembly host)
    {
        var forbidden = otherModules.SelectMany(ModuleTypes).Select(t => t.FullName!).Append(host.GetName().Name!).ToArray();
        return Failing(Types.InAssembly(module).ShouldNot().HaveDependencyOnAny(forbidden).GetResult());
    }

    /// <summary>Contracts hold integration events only: sealed, immutable, depending on nothing but the BCL and the event base.</summary>
    public static IReadOnlyList<string> ContractsArePlainEvents(PredicateList contracts, string contractsNamespace) =>
    [
        .. Failing(contracts.Should().OnlyHaveDependenciesOn("System", "Microsoft.CodeAnalysis", "Tracker.BuildingBlocks.Contracts", contractsNamespace).GetResult()),
        .. Failing(contracts.Should().Inherit(typeof(IntegrationEvent)).And().BeSealed().GetResult()),
        .. contracts.GetTypes().Where(HasMutableState).Select(t => t.FullName!),
    ];

    /// <summary>Events are facts: every property is get-only or init-only.</summary>
    private static bool HasMutableState(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => p.SetMethod)
            .Any(setter => setter is not null && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)));

    /// <summary>Nothing in a module is public except its entry point (the <see cref="IModule"/> implementation).</summary>
    public static IReadOnlyList<string> OnlyEntryPointIsPublic(PredicateList moduleTypes) =>
        Failing(moduleTypes.And().DoNotImplementInterface(typeof(IModule)).ShouldNot().BePublic().GetResult());

    /// <summary>Use cases are named for what they are: *Command, *Query, *CommandHandler, *QueryHandler, *Validator, *Endpoint(s), *Handler.</summary>
    public static IReadOnlyList<string> NamingConventions(Func<PredicateList> moduleTypes) =>
    [
        .. Failing(moduleTypes().And().ImplementInterface(typeof(IBaseCommand)).Should().HaveNameEndingWith("Command").GetResult()),
        .. Failing(moduleTypes().And().ImplementInterface(typeof(IBaseQuery)).Should().HaveNameEndingWith("Query").GetResult()),
        .. Failing(moduleTypes().And().ImplementInterface(typeof(ICommandHandler<,>)).Should().HaveNameEndingWith("CommandHandler").GetResult()),
        .. Failing(moduleTypes().And().ImplementInterface(typeof(IQueryHandler<,>)).Should().HaveNameEndingWith("QueryHandler").GetResult()),
        .. Failing(moduleTypes().And().Inherit(typeof(AbstractValidator<>)).Should().HaveNameEndingWith("Validator").GetResult()),
        .. Failing(moduleTypes().And().ImplementInterface(typeof(IIntegrationEventHandler<>)).Should().HaveNameEndingWith("Handler").GetResult()),
        .. Failing(moduleTypes().And().ImplementInterface(typeof(ICarterModule)).Should().HaveNameMatching("Endpoints?$").GetResult()),
    ];

    /// <summary>The host composes modules through their entry points only; the generated mediator is exempt.</summary>
    public static IReadOnlyList<string> HostUsesEntryPointsOnly(PredicateList hostTypes, IEnumerable<Assembly> modules)
    {
        var internals = modules.SelectMany(ModuleTypes).Where(t => !t.IsVisible).Select(t => t.FullName!).ToArray();
        return Failing(hostTypes.And().DoNotResideInNamespaceStartingWith("Mediator").ShouldNot().HaveDependencyOnAny(internals).GetResult());
    }

    /// <summary>
    /// A slice (<c>Features/&lt;UseCase&gt;</c>) uses its module's Domain, Data and <c>Features/Shared</c>, never another
    /// slice: what two slices need belongs in Shared.
    /// </summary>
    public static IReadOnlyList<string> SlicesStayApart(Assembly module, string? rootNamespace = null)
    {
        var features = (rootNamespace ?? module.GetName().Name) + ".Features.";
        string? SliceOf(Type type) => type.Namespace!.StartsWith(features, StringComparison.Ordinal) ? type.Namespace[features.Length..].Split('.')[0] : null;
        var typesBySlice = ModuleTypes(module).Where(t => SliceOf(t) is { } slice && slice != "Shared").ToLookup(t => SliceOf(t)!);
        return
        [
            // Matched exactly: ResideInNamespace is a prefix test, so GetProject would also pick GetProjectProgress.
            .. typesBySlice.SelectMany(slice => Failing(Types.InAssembly(module).That().ResideInNamespaceMatching("^" + Regex.Escape(features + slice.Key) + "$")
                .ShouldNot().HaveDependencyOnAny([.. typesBySlice.Where(other => other.Key != slice.Key).SelectMany(other => other).Select(t => t.FullName!)])
                .GetResult())),
        ];
    }

    /// <summary>The domain model knows nothing of persistence, HTTP or the use cases built on it.</summary>
    public static IReadOnlyList<string> DomainIsPlain(Assembly module, string? rootNamespace = null)
    {
        var name = rootNamespace ?? module.GetName().Name!;
        return Failing(Types.InAssembly(module).That().ResideInNamespace(name + ".Domain")
            .ShouldNot().HaveDependencyOnAny(name + ".Data", name + ".Features", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult());
    }

    /// <summary>Persistence serves the use cases; it never depends on them.</summary>
    public static IReadOnlyList<string> DataIgnoresFeatures(Assembly module, string? rootNamespace = null)
    {
        var name = rootNamespace ?? module.GetName().Name!;
        return Failing(Types.InAssembly(module).That().ResideInNamespace(name + ".Data").ShouldNot().HaveDependencyOn(name + ".Features").GetResult());
    }

    /// <summary>
    /// The outbox, inbox and idempotency rows are BuildingBlocks' own tables in every module's database: public only
    /// so that a module's generated EF model can name them, used by nothing else in the module.
    /// </summary>
    public static IReadOnlyList<string> MechanismTablesStayInBuildingBlocks(Assembly module, string? rootNamespace = null)
    {
        var name = rootNamespace ?? module.GetName().Name!;
        string[] tables = [typeof(OutboxMessage).FullName!, typeof(InboxMessage).FullName!, typeof(IdempotentRequest).FullName!];
        return Failing(Types.InAssembly(module).That().DoNotResideInNamespaceStartingWith(name + ".Data.CompiledModels").ShouldNot().HaveDependencyOnAny(tables).GetResult());
    }

    /// <summary>Reactions to other modules' events live together in <c>IntegrationEvents/</c>.</summary>
    public static IReadOnlyList<string> IntegrationEventHandlersInPlace(Assembly module, string? rootNamespace = null) =>
        Failing(Types.InAssembly(module).That().ImplementInterface(typeof(IIntegrationEventHandler<>))
            .Should().ResideInNamespace((rootNamespace ?? module.GetName().Name) + ".IntegrationEvents").GetResult());

    /// <summary>
    /// Every route declared by a module's code is under the module's prefix. An endpoint belongs to the assembly
    /// that declares its handler.
    /// </summary>
    public static IReadOnlyList<string> RoutesUnderModulePrefix(IEnumerable<Endpoint> endpoints, IReadOnlyDictionary<Assembly, string> moduleNames) =>
    [
        .. endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText ?? string.Empty, Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(e => e.Handler?.DeclaringType is { } type && moduleNames.ContainsKey(type.Assembly))
            .Where(e =>
            {
                var prefix = ModuleRoutes.PrefixOf(moduleNames[e.Handler!.DeclaringType!.Assembly]);
                return e.Route != prefix && !e.Route.StartsWith(prefix + "/", StringComparison.Ordinal);
            })
            .Select(e => e.Route),
    ];

    /// <summary>Error codes are unique across BuildingBlocks and every module: a client can switch on a code alone.</summary>
    public static IReadOnlyList<string> DuplicateErrorCodes(IEnumerable<Assembly> assemblies) =>
    [
        .. assemblies.SelectMany(ModuleTypes)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Error))
            .Select(f => (Error)f.GetValue(null)!)
            .GroupBy(e => e.Code)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key),
    ];

    /// <summary>A module's own types (not the attributes the compiler embeds in every assembly).</summary>
    private static IEnumerable<Type> ModuleTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Tracker.", StringComparison.Ordinal) == true && !t.Name.StartsWith('<'));

    private static IReadOnlyList<string> Failing(TestResult result) => result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
}
