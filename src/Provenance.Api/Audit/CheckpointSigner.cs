using Microsoft.Extensions.Options;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.LocalDatabase;

namespace Provenance.Api.Audit;

/// <summary>Settings of the verifiable log (section <c>Provenance:Audit</c>).</summary>
public sealed class AuditLogOptions
{
    public const string Section = "Provenance:Audit";

    /// <summary>The Ed25519 signer key file; when unset, <c>audit-signing.key</c> beside the service's data.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The log's name (checkpoint origin and key name) given to a key the service creates.</summary>
    public string Origin { get; set; } = "provenance/audit";

    /// <summary>A file outside the database the service writes its newest checkpoint to (a witness).</summary>
    public string? WitnessFile { get; set; }

    /// <summary>
    /// A URL outside the database the service PUTs its newest checkpoint to (text/plain) and reads the last one back
    /// from with GET at start (a witness). Credentials, if any, go in the URL's query, which is never logged.
    /// </summary>
    public string? WitnessUrl { get; set; }

    /// <summary>How often the witnesses are written, when the tree grew.</summary>
    public int WitnessIntervalSeconds { get; set; } = 60;
}

/// <summary>A checkpoint and its signed note.</summary>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, string Note);

/// <summary>
/// Holds the checkpoint signing key, loaded (or created) on first use from a file that is never in the database:
/// whoever can change the database cannot sign for it.
/// </summary>
public sealed class CheckpointSigner(IOptions<AuditLogOptions> options, IServiceProvider services, ILogger<CheckpointSigner> logger) : IDisposable
{
    private readonly Lazy<NoteSigner> _signer = new(() => Load(options.Value, services, logger));
    private NoteVerifier? _verifier;

    public NoteSigner Signer => _signer.Value;

    // Two threads may both build it; either answer is the same.
    public NoteVerifier Verifier => _verifier ??= NoteVerifier.FromSigner(Signer);

    /// <summary>Signs the checkpoint of the tree as committed now: it covers every event committed before the call.</summary>
    public async Task<SignedCheckpoint> SignAsync(ProvenanceDbContext db, CancellationToken ct)
    {
        var size = await AuditLogTree.SizeAsync(db, ct);
        var checkpoint = new Checkpoint(Signer.Name, size, await AuditLogTree.RootAsync(db, size, ct));
        return new SignedCheckpoint(checkpoint, Signer.Sign(checkpoint.Text));
    }

    /// <summary>The configured file, else beside the private cluster's data folder, else in the user's application data.</summary>
    public static string KeyPath(AuditLogOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            return Path.GetFullPath(options.SigningKeyFile);
        }

        var folder = services.GetService<LocalPostgresCluster>() is { } cluster
            ? Path.GetDirectoryName(cluster.DataDirectory)!
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "provenance");
        return Path.Combine(folder, AuditSigningKey.DefaultFileName);
    }

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Dispose();
        }
    }

    private static NoteSigner Load(AuditLogOptions options, IServiceProvider services, ILogger logger)
    {
        var path = KeyPath(options, services);
        var signer = AuditSigningKey.LoadOrCreate(path, options.Origin, out var created);
        if (created)
        {
            logger.LogWarning("Created the audit checkpoint signing key {KeyFile} (log {Origin}); keep a copy of it outside the database's backups. Verifier key: {VerifierKey}",
                path, signer.Name, signer.VerifierKey);
        }
        else
        {
            logger.LogInformation("Audit checkpoints are signed with {KeyFile} (log {Origin}, verifier key {VerifierKey})", path, signer.Name, signer.VerifierKey);
        }

        return signer;
    }
}
