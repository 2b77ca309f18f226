using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Data;
using Provenance.Data.Auditing;

namespace Provenance.Api.Audit;

/// <summary>
/// At start, adds events written before the Merkle tree existed to it, and compares the database with the last
/// checkpoint published to each witness (the file, the URL): a database behind it (restored from an older backup, or
/// its tail cut off) or diverging from it is logged as a warning, and that witness is then left as it is, as
/// evidence. While the service runs it publishes a new signed checkpoint to each witness every interval in which the
/// tree grew.
/// </summary>
public sealed class AuditWitness(
    IServiceScopeFactory scopes, CheckpointSigner signer, IOptions<AuditLogOptions> options, IHttpClientFactory http,
    ILogger<AuditWitness> logger) : BackgroundService
{
    public const string HttpClientName = "audit-witness";

    private readonly List<Target> _targets = Targets(options.Value, http);

    // The timer and a caller (a test, an operator's endpoint) may publish at once; one at a time puts each size once.
    private readonly SemaphoreSlim _publishing = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
            var added = await AuditLogTree.CatchUpAsync(db, cancellationToken);
            if (added > 0)
            {
                logger.LogInformation("Added {Events} audit events written before the Merkle tree to it", added);
            }

            foreach (var target in _targets)
            {
                await CheckAsync(db, target, cancellationToken);
            }
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Why today's database does not extend a published checkpoint, or null when it does. Cheap: the stored tree's
    /// root at the checkpoint's size (O(log n) rows), not a walk of the log.
    /// </summary>
    public async Task<string?> CompareAsync(ProvenanceDbContext db, string note, CancellationToken ct)
    {
        var opened = signer.Verifier.Open(note);
        var checkpoint = opened.Malformed is null ? Checkpoint.Parse(opened.Text!, out _) : null;
        if (checkpoint is null || !opened.Verified)
        {
            return "it is not a checkpoint signed by this service's key";
        }

        var size = await AuditLogTree.SizeAsync(db, ct);
        var lastSequence = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        if (Math.Min(size, lastSequence) < checkpoint.Size)
        {
            return $"the database holds {Math.Min(size, lastSequence)} events, the checkpoint {checkpoint.Size}: the database is behind it";
        }

        var root = await AuditLogTree.RootAsync(db, checkpoint.Size, ct);
        return root.AsSpan().SequenceEqual(checkpoint.Root)
            ? null
            : $"the first {checkpoint.Size} events have another root than the checkpoint's: the log was rewritten";
    }

    /// <summary>
    /// Publishes a new checkpoint to each witness whose last one is smaller. A witness that fails is logged and tried
    /// again on the next call; the others are still written.
    /// </summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        if (_targets.TrueForAll(t => t.KeptAsEvidence))
        {
            return;
        }

        await _publishing.WaitAsync(ct);
        try
        {
            await PublishOnceAsync(ct);
        }
        finally
        {
            _publishing.Release();
        }
    }

    public override void Dispose()
    {
        _publishing.Dispose();
        base.Dispose();
    }

    private async Task PublishOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var signed = await signer.SignAsync(db, ct);
        foreach (var target in _targets.Where(t => !t.KeptAsEvidence && (t.Published < signed.Checkpoint.Size || !t.Written)))
        {
            try
            {
                await target.WriteAsync(signed.Note, ct);
                target.Published = signed.Checkpoint.Size;
                target.Written = true;
                logger.LogDebug("Published audit checkpoint {TreeSize} to the witness {Witness}", signed.Checkpoint.Size, target.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A witness that cannot be written must not stop the service that it watches, nor the other witnesses.
                logger.LogWarning(e, "Could not publish the audit checkpoint to the witness {Witness}; trying again next interval", target.Name);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_targets.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.WitnessIntervalSeconds)));
        try
        {
            do
            {
                try
                {
                    await PublishAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a while; the next tick tries again.
                    logger.LogWarning(e, "Could not sign the audit checkpoint for the witnesses");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CheckAsync(ProvenanceDbContext db, Target target, CancellationToken ct)
    {
        string? last;
        try
        {
            last = await target.ReadAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not read the last checkpoint published to the witness {Witness}; the database is not compared with it", target.Name);
            return;
        }

        var finding = last is null ? null : await CompareAsync(db, last, ct);
        if (finding is not null)
        {
            target.KeptAsEvidence = true;
            logger.LogWarning("The audit log does not extend the last checkpoint published to the witness {Witness}: {Finding}. "
                + "The witness is left as it is; check the database with POST /api/audit/verify and that checkpoint", target.Name, finding);
        }
    }

    private static List<Target> Targets(AuditLogOptions options, IHttpClientFactory http)
    {
        var targets = new List<Target>();
        if (options.WitnessFile is { Length: > 0 } file)
        {
            targets.Add(new FileTarget(file));
        }

        if (options.WitnessUrl is { Length: > 0 } url)
        {
            targets.Add(new UrlTarget(new Uri(url, UriKind.Absolute), http));
        }

        return targets;
    }

    /// <summary>A place outside the database that keeps the last checkpoint published to it.</summary>
    private abstract class Target(string name)
    {
        public string Name { get; } = name;

        public long Published { get; set; }

        public bool Written { get; set; }

        public bool KeptAsEvidence { get; set; }

        /// <summary>The last checkpoint published, or null when there is none yet.</summary>
        public abstract Task<string?> ReadAsync(CancellationToken ct);

        public abstract Task WriteAsync(string note, CancellationToken ct);
    }

    private sealed class FileTarget(string file) : Target(file)
    {
        public override async Task<string?> ReadAsync(CancellationToken ct) =>
            File.Exists(Name) ? await File.ReadAllTextAsync(Name, ct) : null;

        /// <summary>Whole file or nothing.</summary>
        public override async Task WriteAsync(string note, CancellationToken ct)
        {
            var temporary = Name + ".tmp";
            await File.WriteAllTextAsync(temporary, note, ct);
            File.Move(temporary, Name, overwrite: true);
        }
    }

    /// <summary>PUT replaces the checkpoint at the URL (idempotent, so a retry is harmless); GET reads it back.</summary>
    private sealed class UrlTarget(Uri url, IHttpClientFactory http) : Target(url.GetLeftPart(UriPartial.Path))
    {
        private const int MaxNoteChars = 16 * 1024;

        public override async Task<string?> ReadAsync(CancellationToken ct)
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(url, ct);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync(ct);
            return text.Length > MaxNoteChars ? text[..MaxNoteChars] : text;
        }

        public override async Task WriteAsync(string note, CancellationToken ct)
        {
            using var content = new StringContent(note, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var response = await http.CreateClient(HttpClientName).PutAsync(url, content, ct);
            response.EnsureSuccessStatusCode();
        }
    }
}
