using Microsoft.EntityFrameworkCore;

namespace Provenance.Data;

public static class WriteTransaction
{
    /// <summary>
    /// Runs a write and its audit events in one transaction: both commit, or neither does.
    /// </summary>
    public static async Task<T> InWriteTransactionAsync<T>(
        this ProvenanceDbContext db, Func<CancellationToken, Task<T>> write, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await write(ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}
