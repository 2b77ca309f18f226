namespace Provenance.Data.Entities;

/// <summary>An institution holding originals, e.g. code <c>AVP RF</c>.</summary>
public class Archive
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Place { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
