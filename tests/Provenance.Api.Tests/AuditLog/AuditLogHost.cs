using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Provenance.Api.Tests.Blame;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>
/// A host whose checkpoint key lives in a temp folder of its own, with the helpers the audit-log tests share:
/// writes that append events, the superuser connection that tampers, and the independent Python verifier.
/// </summary>
public sealed class AuditLogHost : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private AuditLogHost(ProvenanceApiFactory api, string folder, HttpClient client, HttpClient editor, long documentId)
    {
        Api = api;
        Folder = folder;
        Client = client;
        Editor = editor;
        DocumentId = documentId;
    }

    public ProvenanceApiFactory Api { get; }

    public string Folder { get; }

    public string KeyFile => Path.Combine(Folder, "audit-signing.key");

    public string WitnessFile => Path.Combine(Folder, "witness.checkpoint");

    public HttpClient Client { get; }

    public HttpClient Editor { get; }

    public long DocumentId { get; }

    public static string Script => Path.Combine(Records.RepositoryRoot(), "tools", "verify-receipt.py");

    /// <summary>Settings of a host that signs with the key in <paramref name="folder"/> and publishes its witness there.</summary>
    public static Dictionary<string, string?> Settings(string folder) => new(StringComparer.Ordinal)
    {
        ["Provenance:Audit:SigningKeyFile"] = Path.Combine(folder, "audit-signing.key"),
        ["Provenance:Audit:WitnessFile"] = Path.Combine(folder, "witness.checkpoint"),
        ["Provenance:Audit:WitnessIntervalSeconds"] = "3600",
    };

    public static async Task<AuditLogHost> StartAsync(TestPostgres postgres)
    {
        var folder = Directory.CreateTempSubdirectory("pv-auditlog-").FullName;
        var api = await ProvenanceApiFactory.StartAsync(postgres, settings: Settings(folder));
        var client = api.CreateClient();
        return new AuditLogHost(api, folder, client, await api.CreateClientWithRolesAsync("editor"), await TestHistory.SeedDocumentIdAsync(client));
    }

    public async ValueTask DisposeAsync()
    {
        await TestHistory.StopAsync(Api);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Adds a citation: one audit event. Answers the citation.</summary>
    public async Task<JsonElement> AddCitationAsync(string note, long? revisionId = null) =>
        await HttpAssert.JsonAsync(await Editor.PostAsJsonAsync($"/api/documents/{DocumentId}/citations",
            new { kind = "editorial", note, revisionId }), HttpStatusCode.Created);

    public async Task<List<JsonElement>> EventsAsync()
    {
        var page = await HttpAssert.JsonAsync(await Client.GetAsync("/api/audit?pageSize=500"));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task<string> CheckpointAsync()
    {
        var response = await Client.GetAsync("/api/audit/checkpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> VerifierKeyAsync() => (await Client.GetStringAsync("/api/audit/checkpoint/key")).Trim();

    public async Task<JsonElement> VerifyAsync(string checkpoint) =>
        await HttpAssert.JsonAsync(await Client.PostAsync("/api/audit/verify", new StringContent(checkpoint)));

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
}
