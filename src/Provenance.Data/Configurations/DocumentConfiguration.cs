using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(1000);
        builder.Property(d => d.DateText).HasMaxLength(100);
        builder.Property(d => d.DatePrecision).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Summary).HasMaxLength(20_000);
        builder.Property(d => d.OriginalLanguage).HasMaxLength(35);
        builder.Property(d => d.OriginalLanguageName).HasMaxLength(100);
        builder.Property(d => d.ArchivalReference).HasMaxLength(500);
        builder.Property(d => d.CitationText).HasMaxLength(4000);
        builder.Property(d => d.PublisherName).HasMaxLength(300);
        builder.Property(d => d.PublisherUrl).HasMaxLength(2048);
        builder.Property(d => d.PublisherRecordId).HasMaxLength(100);
        builder.Property(d => d.SourceNote).HasMaxLength(4000);
        builder.Property(d => d.ExtraSections).HasJsonbConversion();
        builder.Property(d => d.Footnotes).HasJsonbConversion();

        // Maintained by DocumentSearch after every change of a published text (it spans tables,
        // so it cannot be a generated column).
        builder.Property<NpgsqlTsVector>("SearchVector");
        builder.HasIndex("SearchVector").HasMethod("GIN");

        builder.HasOne(d => d.Archive).WithMany().HasForeignKey(d => d.ArchiveId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Custody).WithOne().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Translations).WithOne(t => t.Document).HasForeignKey(t => t.DocumentId);

        // A record's identity: its publisher URL, else its title and date.
        builder.HasIndex(d => d.PublisherUrl).IsUnique().HasFilter("publisher_url IS NOT NULL");
        builder.HasIndex(d => new { d.Title, d.DateText });
        builder.HasIndex(d => d.Date);
        builder.HasIndex(d => d.OriginalLanguage);
    }
}

internal sealed class CustodyStepConfiguration : IEntityTypeConfiguration<CustodyStep>
{
    public void Configure(EntityTypeBuilder<CustodyStep> builder)
    {
        builder.Property(c => c.Holder).HasMaxLength(300);
        builder.Property(c => c.Relation).HasMaxLength(100);
        builder.Property(c => c.Place).HasMaxLength(200);
        builder.HasIndex(c => new { c.DocumentId, c.Order }).IsUnique();
    }
}
