using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Provenance.Data.Entities;

namespace Provenance.Data.Configurations;

internal sealed class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNode>
{
    public void Configure(EntityTypeBuilder<AuditTreeNode> builder)
    {
        builder.ToTable("audit_tree_nodes");
        builder.HasKey(n => new { n.Level, n.Index });
        builder.Property(n => n.Hash).HasMaxLength(32);
    }
}
