using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Text;

namespace Provenance.Api.Translations;

/// <summary>A revision text from a client: storable, normalized (NFC, LF), not empty, within the size limit (else 413).</summary>
public static class RevisionText
{
    public static string? Validate(Validation v, string field, string? text, int maxBytes)
    {
        if (text is null)
        {
            v.Add(field, $"{field} is required.");
            return null;
        }

        if (!Validation.IsStorableText(text))
        {
            v.Add(field, $"{field} contains a NUL character or an unpaired surrogate.");
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        var bytes = Validation.Utf8Bytes(normalized);
        if (bytes > maxBytes)
        {
            throw JsonBody.TooLarge($"{field} is {bytes} bytes of UTF-8; at most {maxBytes} are accepted.");
        }

        if (string.IsNullOrWhiteSpace(normalized))
        {
            v.Add(field, $"{field} must not be empty.");
            return null;
        }

        return normalized;
    }

    /// <summary>A text's optional <c>sourceRevisionId</c> (what it renders): absent, or a revision id.</summary>
    public static bool ValidSourceRevisionId(Validation v, string field, long? sourceRevisionId)
    {
        if (sourceRevisionId is <= 0)
        {
            v.Add(field, $"{field} is a revision id of the document's original-language text.");
            return false;
        }

        return true;
    }
}
