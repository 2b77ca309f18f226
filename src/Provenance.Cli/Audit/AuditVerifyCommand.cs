using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Auditing;

namespace Provenance.Cli.Audit;

/// <summary>
/// <c>provenance audit verify --checkpoint FILE --key KEY [--connection CS]</c>: checks, straight against the
/// database and with a verifier key the caller trusts, that today's log extends a saved checkpoint.
/// </summary>
internal static class AuditVerifyCommand
{
    /// <summary>Exit code 0 when the log extends the checkpoint and its chain verifies, 1 when not, 2 on a usage error.</summary>
    public static async Task<int> RunAsync(string checkpointFile, string key, string connectionString, TextWriter output, CancellationToken ct)
    {
        if (!File.Exists(checkpointFile))
        {
            throw new UsageException($"Checkpoint file {checkpointFile} does not exist.");
        }

        NoteVerifier verifier;
        try
        {
            verifier = NoteVerifier.Parse(File.Exists(key) ? await File.ReadAllTextAsync(key, ct) : key);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--key is not a verifier key (name+hexid+base64) or a file holding one: {e.Message}");
        }

        var options = new DbContextOptionsBuilder<ProvenanceDbContext>();
        options.UseProvenanceDatabase(connectionString);
        await using var db = new ProvenanceDbContext(options.Options);
        var (result, malformed) = await AuditLogCheck.CheckAsync(db, verifier, await File.ReadAllTextAsync(checkpointFile, ct), ct);
        if (result is null)
        {
            throw new UsageException($"{checkpointFile} is not a signed checkpoint: {malformed}.");
        }

        var ok = result.Consistent && result.ChainOk;
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            ok,
            consistent = result.Consistent,
            treeSize = result.TreeSize,
            divergesAt = result.DivergesAt,
            checkpointSize = result.CheckpointSize,
            reason = result.Reason,
        }));
        return ok ? 0 : 1;
    }
}
