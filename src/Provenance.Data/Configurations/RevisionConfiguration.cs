using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        // ADR 0005: the text lives in text (snapshots, lz4) or delta; Text is rebuilt by RevisionStore.
        builder.Ignore(r => r.Text);
        builder.Property(r => r.StoredText).HasColumnName("text").UseCompressionMethod("lz4");
        builder.ToTable(t => t.HasCheckConstraint("ck_revisions_snapshot_or_delta",
            "(snapshot AND text IS NOT NULL AND delta IS NULL) OR (NOT snapshot AND text IS NULL AND delta IS NOT NULL AND parent_id IS NOT NULL)"));
        builder.Property(r => r.Summary).HasMaxLength(1000);
        builder.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ReviewComment).HasMaxLength(4000);
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Author).WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Revision>().WithMany().HasForeignKey(r => r.BaseRevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Revision>().WithMany().HasForeignKey(r => r.SourceRevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ImportedBy).WithMany().HasForeignKey(r => r.ImportedById).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(r => new { r.TranslationId, r.Number }).IsUnique();
        // The history is linear: a revision has at most one child, and a translation one root.
        // The database, not the application, is what makes a fork impossible.
        builder.HasIndex(r => r.ParentId).IsUnique();
        builder.HasIndex(r => r.TranslationId).IsUnique().HasFilter("parent_id IS NULL")
            .HasDatabaseName("ix_revisions_translation_id_root");
        // Finds the nearest snapshot at or before a number without reading the delta rows between.
        builder.HasIndex(r => new { r.TranslationId, r.Number }, "ix_revisions_translation_id_number_snapshot").HasFilter("snapshot")
            .HasDatabaseName("ix_revisions_translation_id_number_snapshot");
        builder.HasIndex(r => r.AuthorId);
        builder.HasIndex(r => r.Sha256);
    }
}
