using System.Security.Cryptography.X509Certificates;
using Messaging.Authentication;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.Identity;

/// <summary>
/// The Identity module in every layer, with the sign-in server (OpenIddict: authorization code with PKCE, rotating
/// refresh tokens, client credentials), the sign-in page and the bearer-token scheme the API accepts next to API keys.
/// </summary>
public static class IdentityHostModule
{
    /// <summary>Development signing and encryption keys where no certificates are configured: the embedded default and tests.</summary>
    public const string UseDevelopmentCertificatesKey = IdentityServerOptions.SectionName + ":UseDevelopmentCertificates";

    /// <summary>How long a password reset link works, and an email confirmation link.</summary>
    public const string PasswordResetTokenLifetimeKey = "Identity:PasswordResetTokenLifetime";

    /// <summary>The https origin account emails link to (see <see cref="AccountEmailOptions.PublicOrigin"/>).</summary>
    public const string PublicOriginKey = "Identity:PublicOrigin";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services.AddIdentityApplication();
        services.AddIdentityEntityFrameworkCore(configuration)
            .AddSignInManager()
            .AddDefaultTokenProviders();
        var tokenLifetime = configuration.GetValue(PasswordResetTokenLifetimeKey, TimeSpan.FromHours(1));
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = tokenLifetime);
        var publicOrigin = PublicOrigin(configuration);
        services.Configure<AccountEmailOptions>(emails =>
        {
            emails.PublicOrigin = publicOrigin;
            emails.TokenLifetime = tokenLifetime;
            emails.LogLinksThatCannotBeMailed = DatabaseProviderConfiguration.Read(configuration) == DatabaseProvider.Sqlite;
        });
        var server = configuration.GetSection(IdentityServerOptions.SectionName).Get<IdentityServerOptions>() ?? new IdentityServerOptions();
        var developmentKeys = UsesDevelopmentKeys(configuration, server);
        // Plain http only where the development keys are, which is where the server accepts it too.
        var secureCookies = developmentKeys ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "messaging.antiforgery";
            antiforgery.Cookie.SecurePolicy = secureCookies;
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthenticationHandler>(MessagingAuthenticationSchemes.BearerToken, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "messaging.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secureCookies;
            cookie.LoginPath = SignInPage.Path;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
        });

        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(ConnectEndpoints.TokenPath.TrimStart('/'))
                    .SetRevocationEndpointUris(ConnectEndpoints.RevokePath.TrimStart('/'))
                    .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath.TrimStart('/'));
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                options.RegisterScopes(Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
                options.SetAccessTokenLifetime(server.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(server.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(server.RefreshTokenReuseLeeway)
                    .SetAuthorizationCodeLifetime(server.AuthorizationCodeLifetime);
                var aspNetCore = options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (developmentKeys)
                {
                    options.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
                    aspNetCore.DisableTransportSecurityRequirement();
                }
                else
                {
                    options.AddSigningCertificate(LoadCertificate(server.SigningCertificatePath!, server.SigningCertificatePassword))
                        .AddEncryptionCertificate(LoadCertificate(server.EncryptionCertificatePath!, server.EncryptionCertificatePassword));
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
            });
        return services;
    }

    /// <summary>The sign-in page and the server's endpoints, where this instance answers requests.</summary>
    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapSignInPage().MapPasswordResetPages().MapEmailConfirmationPage().MapConnectEndpoints();

    private static Uri? PublicOrigin(IConfiguration configuration)
    {
        var configured = configuration[PublicOriginKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var origin) && origin.Scheme == Uri.UriSchemeHttps && origin.Query.Length == 0
            ? origin
            : throw new InvalidOperationException($"{PublicOriginKey} must be an absolute https URL without a query, such as https://messaging.example.com.");
    }

    private static bool UsesDevelopmentKeys(IConfiguration configuration, IdentityServerOptions server)
    {
        if (server.SigningCertificatePath is { Length: > 0 } && server.EncryptionCertificatePath is { Length: > 0 })
        {
            return false;
        }

        if (DatabaseProviderConfiguration.Read(configuration) == DatabaseProvider.Sqlite || configuration.GetValue<bool>(UseDevelopmentCertificatesKey))
        {
            return true;
        }

        throw new InvalidOperationException(
            $"The sign-in server needs {IdentityServerOptions.SectionName}:SigningCertificatePath and EncryptionCertificatePath (PFX files, " +
            $"with their passwords) outside the embedded default; set {UseDevelopmentCertificatesKey}=true to use development keys instead.");
    }

    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
}
