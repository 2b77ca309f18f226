using Provenance.Data;

namespace Provenance.Testing;

/// <summary>
/// The tests' one API host: a <see cref="ProvenanceApiFactory"/> on a scratch database of its own, with the clients
/// most tests use. As a class fixture (<c>IClassFixture&lt;ApiHost&gt;</c>, or a subclass that passes its own seeds and
/// settings) it serves every test of one class, each of which writes records of its own; a test that needs a database
/// nobody else writes to starts one with <see cref="StartAsync"/>. Disposing it drops its database.
/// </summary>
public class ApiHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly TestPostgres _postgres;
    private readonly bool _seed;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _roleClients;
    private HttpClient? _editor;
    private HttpClient? _reviewer;
    private bool _disposed;

    /// <summary>A host without the repository's seeds.</summary>
    public ApiHost(TestPostgres postgres)
        : this(postgres, seed: false)
    {
    }

    /// <summary>A host with the seeds when <paramref name="seed"/>, and <paramref name="settings"/> over the test defaults.</summary>
    protected ApiHost(TestPostgres postgres, bool seed, params (string Key, string? Value)[] settings)
        : this(postgres, seed, roleClients: true, settings)
    {
    }

    /// <summary>
    /// Without <paramref name="roleClients"/> the host makes no <see cref="Editor"/> and <see cref="Reviewer"/>: their keys
    /// would spend the admin's write allowance, which a host with a small one keeps for its tests.
    /// </summary>
    protected ApiHost(TestPostgres postgres, bool seed, bool roleClients, params (string Key, string? Value)[] settings)
    {
        _postgres = postgres;
        _seed = seed;
        _roleClients = roleClients;
        _settings = settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
    }

    public TestPostgres Postgres => _postgres;

    public ProvenanceApiFactory Api { get; private set; } = null!;

    /// <summary>A client without a key.</summary>
    public HttpClient Reader { get; private set; } = null!;

    /// <summary>A client with the bootstrap admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A client with the key of a contributor who has only the editor role.</summary>
    public HttpClient Editor => _editor ?? throw new InvalidOperationException("This host makes no editor client; create the key the test needs.");

    /// <summary>A client with the key of a contributor who has only the reviewer role.</summary>
    public HttpClient Reviewer => _reviewer ?? throw new InvalidOperationException("This host makes no reviewer client; create the key the test needs.");

    /// <summary>A client that sends <paramref name="key"/> as its bearer key (none when null); the caller disposes it.</summary>
    public HttpClient Client(string? key = null) => Api.ClientWithKey(key);

    /// <summary>Creates a contributor named <paramref name="name"/> with <paramref name="roles"/>; returns the new key.</summary>
    public Task<string> KeyAsync(string name, params string[] roles) => Api.CreateKeyAsync(name, roles);

    /// <summary>Runs <paramref name="query"/> on a DbContext of the host's own services.</summary>
    public Task<T> DbAsync<T>(Func<ProvenanceDbContext, Task<T>> query) => FixtureWrites.DbAsync(Api, query);

    /// <summary>A started host for one test that needs its own database; the test disposes it.</summary>
    public static async Task<ApiHost> StartAsync(TestPostgres postgres, bool seed = false, params (string Key, string? Value)[] settings)
    {
        var host = new ApiHost(postgres, seed, settings);
        await host.InitializeAsync();
        return host;
    }

    public virtual async Task InitializeAsync()
    {
        Api = await ProvenanceApiFactory.StartAsync(_postgres, _seed, _settings);
        Reader = Api.CreateClient();
        Admin = Api.ClientWithKey(Keys.BootstrapAdmin);
        if (_roleClients)
        {
            _editor = await Api.CreateClientWithRolesAsync("editor");
            _reviewer = await Api.CreateClientWithRolesAsync("reviewer");
        }
    }

    /// <summary>Stops the host and drops its database; a second call does nothing.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_disposed || Api is null)
        {
            return;
        }

        _disposed = true;
        foreach (var client in (HttpClient?[])[Reader, Admin, _editor, _reviewer])
        {
            client?.Dispose();
        }

        await Api.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An <see cref="ApiHost"/> with the repository's seeds imported.</summary>
public sealed class SeededApiHost(TestPostgres postgres) : ApiHost(postgres, seed: true);
