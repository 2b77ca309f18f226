using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class ArchiveConfiguration : IEntityTypeConfiguration<Archive>
{
    public void Configure(EntityTypeBuilder<Archive> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.Property(a => a.Name).HasMaxLength(300);
        builder.Property(a => a.Place).HasMaxLength(200);
        builder.HasIndex(a => a.Code).IsUnique();
    }
}
