namespace Provenance.Api.Hosting;

/// <summary>
/// <c>page</c> and <c>pageSize</c> of a listing, checked in one place: a page so far out that its offset does not
/// fit PostgreSQL's OFFSET arithmetic (<c>(page - 1) × pageSize</c> beyond 2³¹ − 1) is the client's mistake, a 422.
/// </summary>
public readonly record struct Paging(int Page, int Size)
{
    public int Offset => (Page - 1) * Size;

    public static Paging Parse(int? page, int? pageSize, int defaultSize, int maxSize, IDictionary<string, string[]> errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? defaultSize;
        if (p < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (size < 1 || size > maxSize)
        {
            errors["pageSize"] = [$"pageSize is between 1 and {maxSize}."];
        }
        else if (p > 1 && (long)(p - 1) * size > int.MaxValue)
        {
            errors["page"] = [$"page is at most {(int.MaxValue / size) + 1} with pageSize {size}."];
        }

        return new Paging(p, size);
    }
}
