using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class CitationConfiguration : IEntityTypeConfiguration<Citation>
{
    public void Configure(EntityTypeBuilder<Citation> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Text).HasMaxLength(4000);
        builder.Property(c => c.Archive).HasMaxLength(300);
        builder.Property(c => c.Collection).HasMaxLength(300);
        builder.Property(c => c.Fond).HasMaxLength(64);
        builder.Property(c => c.Opis).HasMaxLength(64);
        builder.Property(c => c.Delo).HasMaxLength(64);
        builder.Property(c => c.Locator).HasMaxLength(300);
        builder.Property(c => c.Title).HasMaxLength(1000);
        builder.Property(c => c.Publisher).HasMaxLength(300);
        builder.Property(c => c.Url).HasMaxLength(2048);
        builder.Property(c => c.Note).HasMaxLength(4000);
        builder.Property(c => c.RetractionReason).HasMaxLength(1000);
        builder.HasOne(c => c.Document).WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Revision).WithMany().HasForeignKey(c => c.RevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.AddedBy).WithMany().HasForeignKey(c => c.AddedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.RetractedBy).WithMany().HasForeignKey(c => c.RetractedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.DocumentId);
        builder.HasIndex(c => c.RevisionId);
    }
}
