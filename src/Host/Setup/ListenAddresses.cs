using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Tracker.Host.Setup;

/// <summary>
/// Checks, before anything starts, that the addresses the server will listen on are free. The server itself binds
/// only after the databases are migrated and the background services run, and a bind failure then ends in a
/// cascade of errors; a port already taken (often by another Tracker) deserves one clear line instead.
/// </summary>
internal static class ListenAddresses
{
    private const string DefaultUrl = "http://localhost:5000";

    public static void EnsureFree(WebApplication app)
    {
        // Only Kestrel listens on sockets (integration tests host the app on an in-memory server).
        if (app.Services.GetService<IServer>()?.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var url in ConfiguredUrls(app))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                continue; // the server reports it in its own words
            }

            foreach (var ip in Addresses(address.Host))
            {
                if (!IsFree(new IPEndPoint(ip, address.Port)))
                {
                    throw new HostStartException(
                        $"Tracker did not start: {url} is already in use (port {address.Port}). Stop the process that listens there, or set ASPNETCORE_URLS to another address.");
                }
            }
        }
    }

    /// <summary>Where the server will listen: explicit app URLs, else <c>urls</c> (ASPNETCORE_URLS, --urls), else the default.</summary>
    private static IEnumerable<string> ConfiguredUrls(WebApplication app)
    {
        var explicitUrls = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (explicitUrls is { Count: > 0 })
        {
            return explicitUrls;
        }

        var configured = app.Configuration[WebHostDefaults.ServerUrlsKey];
        return string.IsNullOrWhiteSpace(configured)
            ? [DefaultUrl]
            : configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static IEnumerable<IPAddress> Addresses(string host) =>
        host switch
        {
            "localhost" => [IPAddress.Loopback],
            "*" or "+" or "" => [IPAddress.Any],
            _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => [ip],
            _ => [],
        };

    private static bool IsFree(IPEndPoint endpoint)
    {
        if (endpoint.Port == 0)
        {
            return true;
        }

        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // As the server binds (SO_REUSEADDR on Unix): a port left in TIME_WAIT by a previous run counts as free.
        if (!OperatingSystem.IsWindows())
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        try
        {
            socket.Bind(endpoint);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
