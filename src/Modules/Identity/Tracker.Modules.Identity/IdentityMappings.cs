using Mapster;
using Tracker.BuildingBlocks.Modules;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity;

/// <summary>The module's Mapster mappings; queries project with <see cref="Config"/> too.</summary>
internal sealed class IdentityMappings : IRegister
{
    public static readonly TypeAdapterConfig Config = ModuleMappings.Scan(typeof(IdentityMappings).Assembly);

    public void Register(TypeAdapterConfig config) => config.NewConfig<User, UserResponse>().MapToConstructor(true);
}
