using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class MetadataChangeConfiguration : IEntityTypeConfiguration<MetadataChange>
{
    public void Configure(EntityTypeBuilder<MetadataChange> builder)
    {
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.Fields).HasJsonbConversion();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ReviewComment).HasMaxLength(4000);
        builder.HasOne(c => c.Document).WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Reviewer).WithMany().HasForeignKey(c => c.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.DocumentId);
    }
}

internal sealed class TranslationContributorConfiguration : IEntityTypeConfiguration<TranslationContributor>
{
    public void Configure(EntityTypeBuilder<TranslationContributor> builder)
    {
        builder.Property(c => c.Role).HasMaxLength(16);
        builder.HasOne<Translation>().WithMany(t => t.Contributors).HasForeignKey(c => c.TranslationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Contributor).WithMany().HasForeignKey(c => c.ContributorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TranslationId, c.ContributorId, c.Role }).IsUnique();
        builder.HasIndex(c => c.ContributorId);
    }
}
