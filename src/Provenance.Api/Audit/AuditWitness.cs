using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Data;
using Provenance.Data.Auditing;

namespace Provenance.Api.Audit;

/// <summary>
/// At start, adds events written before the Merkle tree existed to it, and compares the database with the last
/// checkpoint published to the witness file: a database behind it (restored from an older backup, or its tail cut
/// off) or diverging from it is logged as a warning, and the file is then left as it is, as evidence. While the
/// service runs it rewrites the file with a new signed checkpoint every interval in which the tree grew.
/// </summary>
public sealed class AuditWitness(
    IServiceScopeFactory scopes, CheckpointSigner signer, IOptions<AuditLogOptions> options, ILogger<AuditWitness> logger) : BackgroundService
{
    private long _published;
    private bool _keepAsEvidence;

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

            if (options.Value.WitnessFile is { Length: > 0 } file && File.Exists(file))
            {
                var finding = await CompareAsync(db, await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                if (finding is not null)
                {
                    _keepAsEvidence = true;
                    logger.LogWarning("The audit log does not extend the last checkpoint published to {WitnessFile}: {Finding}. "
                        + "The witness file is left as it is; check the database with POST /api/audit/verify and that file", file, finding);
                }
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

    /// <summary>Writes a new checkpoint to the witness file when the tree grew since the last one (whole file or nothing).</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        if (options.Value.WitnessFile is not { Length: > 0 } file || _keepAsEvidence)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var signed = await signer.SignAsync(db, ct);
        if (signed.Checkpoint.Size <= _published && File.Exists(file))
        {
            return;
        }

        var temporary = file + ".tmp";
        await File.WriteAllTextAsync(temporary, signed.Note, ct);
        File.Move(temporary, file, overwrite: true);
        _published = signed.Checkpoint.Size;
        logger.LogDebug("Published audit checkpoint {TreeSize} to {WitnessFile}", signed.Checkpoint.Size, file);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WitnessFile is not { Length: > 0 })
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
                    // A witness that cannot be written must not stop the service that it watches.
                    logger.LogWarning(e, "Could not publish the audit checkpoint to {WitnessFile}", options.Value.WitnessFile);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
