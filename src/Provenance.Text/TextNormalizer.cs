using System.Security.Cryptography;
using System.Text;

namespace Provenance.Text;

/// <summary>
/// The one canonical form of stored and compared text: Unicode NFC with LF line endings.
/// Two texts that differ only in encoding (NFD vs NFC, CRLF vs LF) normalize to the same string,
/// so they hash alike and never diff as a change.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lf = text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;
        return lf.IsNormalized(NormalizationForm.FormC) ? lf : lf.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of the normalized text.</summary>
    public static string Sha256Hex(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(Normalize(text));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
