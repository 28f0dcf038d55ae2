using Mapster;
using Tracker.Modules.Identity.Domain;

namespace Tracker.Modules.Identity.Features;

internal static class UserMapping
{
    /// <summary>Mapster configuration of this module; projections in queries use it too.</summary>
    public static readonly TypeAdapterConfig Config = CreateConfig();

    public static UserResponse ToResponse(this User user) => user.Adapt<UserResponse>(Config);

    private static TypeAdapterConfig CreateConfig()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<User, UserResponse>().MapToConstructor(true);
        config.Compile();
        return config;
    }
}
