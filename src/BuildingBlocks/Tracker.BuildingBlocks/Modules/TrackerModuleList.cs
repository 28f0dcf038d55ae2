namespace Tracker.BuildingBlocks.Modules;

/// <summary>The modules the host runs, in its order; what routes, OpenAPI tags and architecture checks iterate.</summary>
public sealed record TrackerModuleList(IReadOnlyList<IModule> Modules);
