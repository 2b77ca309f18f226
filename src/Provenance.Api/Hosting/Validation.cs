using System.Text;

namespace Provenance.Api.Hosting;

/// <summary>Collects every field error of a request, so one 422 names them all.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Trimmed value, or null when absent or blank; an error when too long or not storable text.</summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!IsStorableText(trimmed))
        {
            Add(field, $"{field} contains a NUL character or an unpaired surrogate.");
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"{field} is at most {maxLength} characters.");
            return null;
        }

        return trimmed;
    }

    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
            return null;
        }

        return Optional(field, value, maxLength);
    }

    public void ThrowIfInvalid()
    {
        if (IsValid)
        {
            return;
        }

        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "Validation failed",
            string.Join(" ", errors.SelectMany(e => e.Value)),
            new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>PostgreSQL text cannot hold NUL, and an unpaired surrogate has no UTF-8 form.</summary>
    public static bool IsStorableText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
