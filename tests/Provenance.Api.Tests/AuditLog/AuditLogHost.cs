using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provenance.Api.Audit;
using Provenance.Api.Tests.Blame;
using Provenance.Testing;
using Serilog.Core;
using Serilog.Events;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>
/// A host whose checkpoint key lives in a temp folder of its own, with the helpers the audit-log tests share:
/// writes that append events, the superuser connection that tampers, and the independent Python verifier.
/// </summary>
public sealed class AuditLogHost : ApiHost
{
    public const string Python = "/usr/bin/python3";

    private readonly Dictionary<string, string?> _settings;

    private AuditLogHost(TestPostgres postgres, string folder, Dictionary<string, string?> settings)
        : base(postgres, seed: true, [.. settings.Select(s => (s.Key, s.Value))])
    {
        _settings = settings;
        Folder = folder;
    }

    public string Folder { get; }

    public string KeyFile => Path.Combine(Folder, "audit-signing.key");

    public string WitnessFile => Path.Combine(Folder, "witness.checkpoint");

    /// <summary>The seed's document, which the tests cite to append events.</summary>
    public long DocumentId { get; private set; }

    public static string Script => Path.Combine(Records.RepositoryRoot(), "tools", "verify-receipt.py");

    /// <summary>Settings of a host that signs with the key in <paramref name="folder"/> and publishes its witness there.</summary>
    public static Dictionary<string, string?> Settings(string folder) => new(StringComparer.Ordinal)
    {
        ["Provenance:Audit:SigningKeyFile"] = Path.Combine(folder, "audit-signing.key"),
        ["Provenance:Audit:WitnessFile"] = Path.Combine(folder, "witness.checkpoint"),
        ["Provenance:Audit:WitnessIntervalSeconds"] = "3600",
    };

    /// <summary>A host with <see cref="Settings"/> and <paramref name="more"/> (which may override them).</summary>
    public static async Task<AuditLogHost> StartAsync(TestPostgres postgres, IReadOnlyDictionary<string, string?>? more = null)
    {
        var folder = Directory.CreateTempSubdirectory("pv-auditlog-").FullName;
        var settings = Settings(folder);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new AuditLogHost(postgres, folder, settings);
        await host.InitializeAsync();
        host.DocumentId = await TestHistory.SeedDocumentIdAsync(host.Reader);
        return host;
    }

    /// <summary>A second host on the same database, key, witnesses and settings, whose log events are kept.</summary>
    public (WebApplicationFactory<Program> Host, CapturingSink Log) Restart()
    {
        var sink = new CapturingSink();
        var host = new ProvenanceApiFactory(Api.ConnectionString, _settings)
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILogEventSink>(sink)));
        _ = host.Server;
        return (host, sink);
    }

    /// <summary>Publishes the newest checkpoint to the witnesses now, without waiting for the interval.</summary>
    public Task PublishAsync() => Api.Services.GetRequiredService<AuditWitness>().PublishAsync(CancellationToken.None);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Adds a citation: one audit event. Answers the citation.</summary>
    public async Task<JsonElement> AddCitationAsync(string note, long? revisionId = null) =>
        await HttpAssert.JsonAsync(await Editor.PostAsJsonAsync($"/api/documents/{DocumentId}/citations",
            new { kind = "editorial", note, revisionId }), HttpStatusCode.Created);

    public async Task<List<JsonElement>> EventsAsync()
    {
        var page = await HttpAssert.JsonAsync(await Reader.GetAsync("/api/audit?pageSize=500"));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task<string> CheckpointAsync()
    {
        var response = await Reader.GetAsync("/api/audit/checkpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> VerifierKeyAsync() => (await Reader.GetStringAsync("/api/audit/checkpoint/key")).Trim();

    public async Task<JsonElement> VerifyAsync(string checkpoint) =>
        await HttpAssert.JsonAsync(await Reader.PostAsync("/api/audit/verify", new StringContent(checkpoint)));

    public async Task<NpgsqlConnection> SuperuserAsync()
    {
        var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET session_replication_role = replica");
        return connection;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs tools/verify-receipt.py; answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunVerifierAsync(string? input, params string[] args)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install -y python3 python3-cryptography.");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var stderr = await error;
        Assert.False(stderr.Contains("No module named 'cryptography'", StringComparison.Ordinal),
            "The python cryptography package is missing: apt-get install -y python3-cryptography.");
        return (process.ExitCode, await output, stderr);
    }

    /// <summary>The root of every prefix of the log, computed by the Python verifier from the events' chain hashes.</summary>
    public static async Task<List<string>> IndependentRootsAsync(IEnumerable<string> chainHashes)
    {
        var (exit, output, error) = await RunVerifierAsync(string.Join('\n', chainHashes) + "\n", "roots");
        Assert.True(exit == 0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public async Task<string> WriteFileAsync(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    /// <summary>Keeps every log event of a host.</summary>
    public sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        /// <summary>The warnings (and worse) whose message contains <paramref name="text"/>.</summary>
        public List<LogEvent> Warnings(string text) =>
            [.. _events.Where(e => e.Level >= LogEventLevel.Warning && e.RenderMessage().Contains(text, StringComparison.Ordinal))];
    }
}
