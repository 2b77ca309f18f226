using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class TranslationConfiguration : IEntityTypeConfiguration<Translation>
{
    public void Configure(EntityTypeBuilder<Translation> builder)
    {
        builder.Property(t => t.Language).HasMaxLength(35);
        builder.Property(t => t.Kind).HasMaxLength(32);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne(t => t.Translator).WithMany().HasForeignKey(t => t.TranslatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Revisions).WithOne(r => r.Translation).HasForeignKey(r => r.TranslationId);
        builder.HasOne(t => t.HeadRevision).WithMany().HasForeignKey(t => t.HeadRevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.CurrentRevision).WithMany().HasForeignKey(t => t.CurrentRevisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.DocumentId, t.Language, t.Kind, t.TranslatorId });
    }
}
