namespace Provenance.Data.Entities;

/// <summary>
/// One perfect subtree of the Merkle tree over the audit events (RFC 9162): level 0 holds the leaf hash of
/// event <c>Index + 1</c>, level l the hash of leaves [Index·2^l, (Index+1)·2^l). Rows are only ever added.
/// </summary>
public class AuditTreeNode
{
    public short Level { get; set; }
    public long Index { get; set; }
    public required byte[] Hash { get; set; }
}
