using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tracker.BuildingBlocks.Modules;

/// <summary>A module's settings class: the configuration section it binds to.</summary>
public interface IModuleOptions
{
    static abstract string Section { get; }
}

public static class ModuleOptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section and validates its data annotations when the host starts,
    /// so a bad setting stops the start with a message instead of failing a request later.
    /// </summary>
    public static OptionsBuilder<TOptions> AddModuleOptions<TOptions>(this IServiceCollection services, ModuleContext context)
        where TOptions : class, IModuleOptions =>
        services.AddOptions<TOptions>()
            .Bind(context.Configuration.GetSection(TOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
