using System.ComponentModel.DataAnnotations;

namespace Provenance.Api.Imports;

public sealed class ImportOptions
{
    public const string Section = "Provenance";

    /// <summary>Records imported on first start when the database is empty; found by walking up to a <c>seeds</c> folder when unset; "none" turns seeding off.</summary>
    public string? SeedDirectory { get; set; }

    /// <summary>Largest record or text accepted, in bytes (4 MB by default).</summary>
    [Range(1024, 1L << 31)]
    public long MaxTextBytes { get; set; } = 4 * 1024 * 1024;
}
