using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Provenance.Data.Entities;

namespace Provenance.Data.Auditing;

/// <summary>The canonical form of an audit event and its hash; shared by writing and verifying.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string ComputeHash(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>The text the hash covers; a receipt carries it, so its reader can check the hash and read what was logged.</summary>
    public static string Canonical(AuditEvent e) =>
        // One field a line, in a fixed order; PostgreSQL keeps microseconds, so hash exactly those.
        string.Join('\n',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            TruncateToMicroseconds(e.OccurredAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.ActorId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.ActorName,
            e.Action,
            e.EntityType,
            e.EntityId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.DocumentId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.Details,
            e.PreviousHash);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);
}
