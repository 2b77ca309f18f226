using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Tests.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Data.LocalDatabase;
using Provenance.Testing;

namespace Provenance.Api.Tests.Crash;

/// <summary>Parameters of a crash run; the test suite's short run and <c>bench/crash/run.sh</c> read the same variables.</summary>
public sealed record CrashRunOptions
{
    public int Cycles { get; init; } = 3;
    public int Editors { get; init; } = 4;
    public int MinUpMilliseconds { get; init; } = 2000;
    public int MaxUpMilliseconds { get; init; } = 5000;
    /// <summary>Share of submissions sent against an older revision than the head, so they merge (or conflict).</summary>
    public double StaleShare { get; init; } = 0.35;
    public int Seed { get; init; } = 1962;
    /// <summary>Where the run's figures are written as Markdown (nothing when null).</summary>
    public string? ReportPath { get; init; }

    public static CrashRunOptions FromEnvironment()
    {
        static int Int(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        static double Double(string name, double fallback) =>
            double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        var d = new CrashRunOptions();
        return new CrashRunOptions
        {
            Cycles = Int("CRASH_CYCLES", d.Cycles),
            Editors = Int("CRASH_EDITORS", d.Editors),
            MinUpMilliseconds = Int("CRASH_MIN_UP_MS", d.MinUpMilliseconds),
            MaxUpMilliseconds = Int("CRASH_MAX_UP_MS", d.MaxUpMilliseconds),
            StaleShare = Double("CRASH_STALE_SHARE", d.StaleShare),
            Seed = Int("CRASH_SEED", d.Seed),
            ReportPath = Environment.GetEnvironmentVariable("CRASH_REPORT"),
        };
    }
}

public enum CrashKind
{
    Service,
    Database,
    Both,
}

/// <summary>What a crash run did and what it found afterwards; <see cref="Violations"/> is empty when every check held.</summary>
public sealed record CrashRunReport(
    CrashRunOptions Options,
    IReadOnlyDictionary<CrashKind, int> Crashes,
    int AcknowledgedRevisions,
    int AcknowledgedMerged,
    int AcknowledgedReviews,
    int Conflicts,
    int Unchanged,
    int ServerErrors,
    int SteadyServerErrors,
    int TransportErrors,
    int RevisionsStored,
    int UnacknowledgedStored,
    int AuditEvents,
    IReadOnlyList<double> RecoverySeconds,
    TimeSpan Duration,
    IReadOnlyList<string> Violations)
{
    public string ToMarkdown()
    {
        var recovery = RecoverySeconds.Order().ToList();
        string Pct(double p) => recovery.Count == 0 ? "-" : recovery[(int)Math.Min(recovery.Count - 1, Math.Floor(p * recovery.Count))].ToString("0.0", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine("| Figure | Value |").AppendLine("|---|---|");
        void Row(string name, object value) => sb.Append("| ").Append(name).Append(" | ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).AppendLine(" |");
        Row("Kill cycles", $"{Options.Cycles} (service kill -9: {Crashes[CrashKind.Service]}, PostgreSQL immediate stop: {Crashes[CrashKind.Database]}, both: {Crashes[CrashKind.Both]}) + a final crash of both");
        Row("Editors / stale share / seed", $"{Options.Editors} / {Options.StaleShare:0.00} / {Options.Seed}");
        Row("Acknowledged revisions (201)", $"{AcknowledgedRevisions} ({AcknowledgedMerged} merged three ways)");
        Row("Acknowledged approvals (200)", AcknowledgedReviews);
        Row("409 edit conflicts / 200 unchanged", $"{Conflicts} / {Unchanged}");
        Row("5xx answers: in all / while the service was ready (not in a crash window)", $"{ServerErrors} / {SteadyServerErrors}");
        Row("Requests cut off (connection refused or reset)", TransportErrors);
        Row("Revisions stored / stored but never acknowledged", $"{RevisionsStored} / {UnacknowledgedStored}");
        Row("Audit events in the chain", AuditEvents);
        Row("Time to ready after a crash: median / max (s)", $"{Pct(0.5)} / {(recovery.Count == 0 ? "-" : recovery[^1].ToString("0.0", CultureInfo.InvariantCulture))}");
        Row("Run time (s)", Duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
        Row("Violations", Violations.Count == 0 ? "none: every acknowledged revision stored with its SHA-256, one creation event per revision and none dangling, chain verifies, histories linear" : string.Join("; ", Violations.Take(20)));
        return sb.ToString();
    }
}

/// <summary>
/// Crash consistency: several editors submit (some against stale bases, so revisions merge) while
/// the service is killed with SIGKILL and PostgreSQL is stopped in immediate mode, over and over;
/// afterwards every acknowledged write must be stored, every revision must have exactly one audit
/// event and the audit chain must verify. The service runs as its own OS process so it can be killed.
/// </summary>
public sealed class CrashHarness : IAsyncDisposable
{
    private const string AdminKey = "pvk_crash-harness-admin-key-0123456789abcdef";
    // Only a hang fails here: a restart after a crash may take long on a loaded machine, and its time is reported, not judged.
    private static readonly TimeSpan ReadyTimeout = ServiceProcess.StartTimeout;

    private readonly CrashRunOptions _options;
    private readonly Action<string> _log;
    private readonly string _work;
    private readonly LocalPostgresOptions _pgOptions;
    private readonly int _apiPort;
    private readonly string _apiDll;
    private LocalPostgresCluster? _cluster;
    private Process? _api;
    private int _apiStarts;

    private readonly ConcurrentBag<Acknowledged> _acks = [];
    private readonly ConcurrentBag<long> _approved = [];
    private int _conflicts;
    private int _unchanged;
    private int _serverErrors;
    private int _steadyServerErrors;
    // Set from a crash until the service answers /health/ready again.
    private volatile bool _disrupted;
    private int _transportErrors;

    private sealed record Acknowledged(long Id, long TranslationId, int Number, string Sha256, bool Merged);

    public CrashHarness(CrashRunOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
        _work = Path.Combine(Path.GetTempPath(), $"provenance-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_work);
        // Durable on purpose: no Throwaway (which turns fsync off), so a crash loses only what was never committed.
        _pgOptions = new LocalPostgresOptions { DataDirectory = Path.Combine(_work, "pg"), Port = FreePort(), Database = "provenance" };
        _apiPort = FreePort();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        _apiDll = Path.Combine(Records.RepositoryRoot(), "src", "Provenance.Api", "bin", configuration, "net10.0", "Provenance.Api.dll");
    }

    private Uri BaseAddress => new($"http://127.0.0.1:{_apiPort}");

    public async Task<CrashRunReport> RunAsync()
    {
        if (!File.Exists(_apiDll))
        {
            throw new InvalidOperationException($"{_apiDll} is missing; build the solution first.");
        }

        var clock = Stopwatch.StartNew();
        var rng = new Random(_options.Seed);
        _cluster = await LocalPostgresCluster.StartAsync(_pgOptions);
        await StartApiAsync();

        using var admin = Client(AdminKey);
        var translations = new List<long> { 1 };
        var imported = await HttpAssert.JsonAsync(
            await admin.PostAsync("/api/imports?publish=true", new StringContent(Records.MikoyanNotes, Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        translations.Add(imported.GetProperty("translationId").GetInt64());
        var editorKeys = new List<string>();
        for (var i = 0; i < _options.Editors; i++)
        {
            var key = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name = $"Crash editor {i}", roles = new[] { "editor" } }), HttpStatusCode.Created);
            editorKeys.Add(key.GetProperty("key").GetString()!);
        }

        var reviewerKey = (await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name = "Crash reviewer", roles = new[] { "reviewer" } }), HttpStatusCode.Created))
            .GetProperty("key").GetString()!;

        using var stop = new CancellationTokenSource();
        var workers = editorKeys.Select((key, i) => EditorAsync(i, key, translations, stop.Token)).ToList();
        workers.Add(ReviewerAsync(reviewerKey, stop.Token));

        var crashes = Enum.GetValues<CrashKind>().ToDictionary(k => k, _ => 0);
        var recovery = new List<double>();
        for (var cycle = 1; cycle <= _options.Cycles; cycle++)
        {
            await Task.Delay(rng.Next(_options.MinUpMilliseconds, Math.Max(_options.MinUpMilliseconds, _options.MaxUpMilliseconds) + 1));
            var kind = (CrashKind)rng.Next(3);
            crashes[kind]++;
            _log($"cycle {cycle}/{_options.Cycles}: crash {kind}; {_acks.Count} revisions acknowledged so far");
            recovery.Add(await CrashAndRestartAsync(kind));
        }

        await Task.Delay(_options.MinUpMilliseconds);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // The final check runs after one more crash of both, so nothing is judged from a warm cache.
        _log("final crash of both; verifying");
        recovery.Add(await CrashAndRestartAsync(CrashKind.Both));
        var (violations, stored, unacknowledged, events) = await VerifyAsync();
        var acks = _acks.ToList();
        return new CrashRunReport(_options, crashes, acks.Count, acks.Count(a => a.Merged), _approved.Count, _conflicts, _unchanged,
            _serverErrors, _steadyServerErrors, _transportErrors, stored, unacknowledged, events, recovery, clock.Elapsed, violations);
    }

    private async Task<double> CrashAndRestartAsync(CrashKind kind)
    {
        var clock = Stopwatch.StartNew();
        _disrupted = true;
        if (kind is CrashKind.Service or CrashKind.Both)
        {
            _api!.Kill(); // SIGKILL on Unix
            await _api.WaitForExitAsync();
            _api.Dispose();
            _api = null;
        }

        if (kind is CrashKind.Database or CrashKind.Both)
        {
            await _cluster!.CrashAsync();
            _cluster = null;
        }

        clock.Restart();
        await Task.Delay(200);
        _cluster ??= await LocalPostgresCluster.StartAsync(_pgOptions);
        if (_api is null)
        {
            await StartApiAsync();
        }
        else
        {
            await WaitReadyAsync();
        }

        _disrupted = false;
        return clock.Elapsed.TotalSeconds;
    }

    private async Task StartApiAsync()
    {
        var log = Path.Combine(_work, $"api-{++_apiStarts}.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_apiDll)!,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet \"{_apiDll}\" --urls {BaseAddress.ToString().TrimEnd('/')} >\"{log}\" 2>&1");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(_cluster!.ConnectionString()) { Timeout = 5, CommandTimeout = 20 }.ConnectionString;
        foreach (var (key, value) in new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Provenance"] = connection,
            ["Provenance__BootstrapAdminKey"] = AdminKey,
            ["Provenance__SeedDirectory"] = Path.Combine(Records.RepositoryRoot(), "seeds"),
            ["Provenance__RateLimit__WritesPerMinute"] = "1000000",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        })
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        _api = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        await WaitReadyAsync();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_api is { HasExited: true })
            {
                throw new InvalidOperationException($"The API exited with {_api.ExitCode}; see {_work}/api-{_apiStarts}.log");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The API was not ready within {ReadyTimeout.TotalSeconds} s; see {_work}.");
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task EditorAsync(int editor, string key, IReadOnlyList<long> translations, CancellationToken stop)
    {
        using var client = Client(key);
        var rng = new Random(_options.Seed * 31 + editor);
        var lastRead = new Dictionary<long, (long Id, string Text)>();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var translation = translations[rng.Next(translations.Count)];
            try
            {
                if (!lastRead.TryGetValue(translation, out var @base) || rng.NextDouble() >= _options.StaleShare)
                {
                    using var head = await client.GetAsync($"/api/translations/{translation}/text?revision=head", stop);
                    if (!head.IsSuccessStatusCode)
                    {
                        Count(head.StatusCode);
                        await Task.Delay(100, stop);
                        continue;
                    }

                    var body = await head.Content.ReadFromJsonAsync<JsonElement>(stop);
                    @base = lastRead[translation] = (body.GetProperty("revisionId").GetInt64(), body.GetProperty("text").GetString()!);
                }

                var text = Edit(@base.Text, rng, string.Create(CultureInfo.InvariantCulture, $" [e{editor}.{n}]"));
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/translations/{translation}/revisions")
                {
                    Content = JsonContent.Create(new { text, summary = $"Crash editor {editor}, edit {n}" }),
                };
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"rev-{@base.Id}\""));
                using var response = await client.SendAsync(request, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var r = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    _acks.Add(new Acknowledged(r.GetProperty("id").GetInt64(), r.GetProperty("translationId").GetInt64(),
                        r.GetProperty("number").GetInt32(), r.GetProperty("sha256").GetString()!, r.GetProperty("merged").GetBoolean()));
                }
                else
                {
                    Count(response.StatusCode);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _transportErrors);
                await Delay(stop);
            }
        }
    }

    /// <summary>Approves a recently acknowledged revision now and then, so review events and status changes ride along.</summary>
    private async Task ReviewerAsync(string key, CancellationToken stop)
    {
        using var client = Client(key);
        var rng = new Random(_options.Seed * 17);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(rng.Next(100, 400), stop);
                var candidates = _acks.ToArray();
                if (candidates.Length == 0)
                {
                    continue;
                }

                var pick = candidates[rng.Next(candidates.Length)];
                using var response = await client.PostAsJsonAsync($"/api/revisions/{pick.Id}/review", new { decision = "approve", comment = "Crash test approval" }, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _approved.Add(pick.Id);
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    Count(response.StatusCode);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _transportErrors);
                await Delay(stop);
            }
        }
    }

    private void Count(HttpStatusCode status)
    {
        switch ((int)status)
        {
            case 409:
                Interlocked.Increment(ref _conflicts);
                break;
            case 200:
                Interlocked.Increment(ref _unchanged);
                break;
            case >= 500:
                Interlocked.Increment(ref _serverErrors);
                if (!_disrupted)
                {
                    Interlocked.Increment(ref _steadyServerErrors);
                }

                break;
        }
    }

    private static async Task Delay(CancellationToken stop)
    {
        try
        {
            await Task.Delay(100, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Appends a marker to one paragraph; two stale editors touching different paragraphs merge cleanly.</summary>
    private static string Edit(string text, Random rng, string marker)
    {
        var paragraphs = text.Split("\n\n");
        var candidates = Enumerable.Range(0, paragraphs.Length).Where(i => !string.IsNullOrWhiteSpace(paragraphs[i])).ToList();
        var i = candidates.Count == 0 ? 0 : candidates[rng.Next(candidates.Count)];
        paragraphs[i] = paragraphs[i].TrimEnd() + marker;
        return string.Join("\n\n", paragraphs);
    }

    private async Task<(List<string> Violations, int Stored, int Unacknowledged, int Events)> VerifyAsync()
    {
        var violations = new List<string>();
        var dbOptions = new DbContextOptionsBuilder<ProvenanceDbContext>();
        dbOptions.UseProvenanceDatabase(_cluster!.ConnectionString());
        await using var db = new ProvenanceDbContext(dbOptions.Options);
        var revisions = await db.Revisions.AsNoTracking()
            .Select(r => new { r.Id, r.TranslationId, r.Number, r.ParentId, r.Sha256, r.Status, r.ReviewerId })
            .ToDictionaryAsync(r => r.Id);

        // 1. Every acknowledged revision is stored as acknowledged.
        var acks = _acks.ToList();
        foreach (var a in acks)
        {
            if (!revisions.TryGetValue(a.Id, out var r))
            {
                violations.Add($"acknowledged revision {a.Id} is missing");
            }
            else if (r.Sha256 != a.Sha256 || r.Number != a.Number || r.TranslationId != a.TranslationId)
            {
                violations.Add($"revision {a.Id} differs from its acknowledgement");
            }
        }

        foreach (var id in _approved.Distinct())
        {
            if (!revisions.TryGetValue(id, out var r) || r.Status != RevisionStatus.Approved)
            {
                violations.Add($"acknowledged approval of revision {id} is not stored");
            }
        }

        // 2. The chain: sequence 1..N, each event's previous hash is the hash before, each hash recomputes.
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Sequence != i + 1)
            {
                violations.Add($"audit sequence {e.Sequence} at position {i + 1}");
            }

            if (e.PreviousHash != previous || AuditChain.ComputeHash(e) != e.Hash)
            {
                violations.Add($"audit chain breaks at sequence {e.Sequence}");
            }

            previous = e.Hash;
        }

        // 3. One creation event per revision, and no creation event without its revision.
        var created = new Dictionary<long, int>();
        var reviewed = new Dictionary<long, int>();
        foreach (var e in events)
        {
            long? revisionId = e.Action switch
            {
                AuditActions.RevisionSubmitted or AuditActions.RevisionMerged or AuditActions.RevisionImported => e.EntityId,
                AuditActions.DocumentImported or AuditActions.TranslationImported => JsonDocument.Parse(e.Details).RootElement.GetProperty("revisionId").GetInt64(),
                _ => null,
            };
            if (revisionId is { } id)
            {
                created[id] = created.GetValueOrDefault(id) + 1;
            }

            if (e.Action == AuditActions.RevisionReviewed && e.EntityId is { } rid)
            {
                reviewed[rid] = reviewed.GetValueOrDefault(rid) + 1;
            }
        }

        violations.AddRange(revisions.Keys.Where(id => created.GetValueOrDefault(id) != 1)
            .Select(id => $"revision {id} has {created.GetValueOrDefault(id)} creation events"));
        violations.AddRange(created.Keys.Where(id => !revisions.ContainsKey(id)).Select(id => $"audit event for missing revision {id}"));
        violations.AddRange(revisions.Values.Where(r => r.ReviewerId is not null && reviewed.GetValueOrDefault(r.Id) != 1)
            .Select(r => $"reviewed revision {r.Id} has {reviewed.GetValueOrDefault(r.Id)} review events"));
        violations.AddRange(reviewed.Keys.Where(id => !revisions.TryGetValue(id, out var r) || r.ReviewerId is null)
            .Select(id => $"review event for revision {id}, which is not reviewed"));

        // 4. Linear histories: numbers 1..N, each the child of the one before, the head the last.
        var heads = await db.Translations.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.HeadRevisionId);
        foreach (var history in revisions.Values.GroupBy(r => r.TranslationId))
        {
            var chain = history.OrderBy(r => r.Number).ToList();
            for (var i = 0; i < chain.Count; i++)
            {
                var expectedParent = i == 0 ? (long?)null : chain[i - 1].Id;
                if (chain[i].Number != i + 1 || chain[i].ParentId != expectedParent)
                {
                    violations.Add($"translation {history.Key}: revision {chain[i].Id} (#{chain[i].Number}) breaks the linear history");
                }
            }

            if (heads.GetValueOrDefault(history.Key) != chain[^1].Id)
            {
                violations.Add($"translation {history.Key}: head is {heads.GetValueOrDefault(history.Key)}, newest revision is {chain[^1].Id}");
            }
        }

        // 5. The restarted service serves every acknowledged revision.
        using var reader = Client(AdminKey);
        foreach (var a in acks)
        {
            using var response = await reader.GetAsync($"/api/revisions/{a.Id}");
            if (response.StatusCode != HttpStatusCode.OK ||
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString() != a.Sha256)
            {
                violations.Add($"GET /api/revisions/{a.Id} answered {(int)response.StatusCode}");
            }
        }

        // 6. The service's own chain walk agrees.
        using (var verify = await reader.GetAsync("/api/audit/verify"))
        {
            var body = await verify.Content.ReadAsStringAsync();
            var answer = verify.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : default;
            if (!verify.IsSuccessStatusCode || !answer.GetProperty("ok").GetBoolean() || answer.GetProperty("checked").GetInt64() != events.Count)
            {
                violations.Add($"GET /api/audit/verify answered {(int)verify.StatusCode}: {body}");
            }
        }

        var acknowledged = acks.Select(a => a.Id).ToHashSet();
        var unacknowledged = revisions.Values.Count(r => r.Number > 1 && !acknowledged.Contains(r.Id));
        return (violations, revisions.Count, unacknowledged, events.Count);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is { HasExited: false })
        {
            _api.Kill();
            await _api.WaitForExitAsync();
        }

        _api?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
