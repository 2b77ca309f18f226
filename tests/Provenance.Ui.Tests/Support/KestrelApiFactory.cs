using System.Net;
using System.Net.Sockets;
using Provenance.Testing;

namespace Provenance.Ui.Tests.Support;

/// <summary>The API on a real socket (Kestrel instead of TestServer), so a browser can reach it.</summary>
public sealed class KestrelApiFactory : ProvenanceApiFactory
{
    private KestrelApiFactory(string connectionString, IReadOnlyDictionary<string, string?> settings, TestPostgres scratchOf)
        : base(connectionString, settings, scratchOf)
    {
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<KestrelApiFactory> StartAsync(TestPostgres postgres, IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new KestrelApiFactory(await postgres.CreateDatabaseAsync(), settings, postgres);
        var port = FreePort();
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer(); // builds the host: migrates, stores the bootstrap key, imports the seed
        factory.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        return factory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
