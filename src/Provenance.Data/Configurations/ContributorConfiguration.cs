using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class ContributorConfiguration : IEntityTypeConfiguration<Contributor>
{
    public void Configure(EntityTypeBuilder<Contributor> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => c.Name);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne(k => k.Contributor).WithMany().HasForeignKey(k => k.ContributorId).OnDelete(DeleteBehavior.Restrict);
    }
}
