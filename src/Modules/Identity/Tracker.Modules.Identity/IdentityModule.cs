using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tracker.BuildingBlocks.Modules;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Identity.Auth;
using Tracker.Modules.Identity.Data;
using Tracker.Modules.Identity.Domain;
using Tracker.Modules.Identity.Features.Shared;

namespace Tracker.Modules.Identity;

/// <summary>Accounts, roles and tokens for every module: the one public entry point of the Identity module.</summary>
public sealed class IdentityModule : IModule
{
    internal const string Tag = "Identity";

    public string Name => IdentityDbContext.SchemaName;

    public string Title => Tag;

    public string Description => "Accounts, roles and tokens: sign in, refresh, and user administration for every module.";

    public void Register(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<IdentityDbContext, IdentitySqliteDbContext, IdentityPostgreSqlDbContext, IdentitySqlServerDbContext>(context, Name);
        services.AddModuleOptions<IdentityOptions>(context);

        services.AddMemoryCache();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<UserSessionValidator>();
        services.AddScoped<AccountWriter>();
        services.AddScoped<SessionTokens>();
        services.AddScoped<IStartupTask, BootstrapAdmin>();
        services.AddScoped<IHostCommand, ResetAdminPasswordVerb>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokenIssuer, UserSessionValidator>((options, issuer, sessions) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = issuer.ValidationParameters();
                options.Events = new JwtBearerEvents { OnTokenValidated = sessions.ValidateAsync };
            });
    }
}
