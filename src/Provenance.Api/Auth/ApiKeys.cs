using System.Security.Cryptography;
using System.Text;

namespace Provenance.Api.Auth;

/// <summary>
/// Making and hashing bearer keys. Only the hash is ever stored. Each key has a public identifier
/// (<c>pvk_</c> and 8 random hex digits, the <c>prefix</c> of the API) drawn apart from its secret: it is what
/// lists, audit events and logs show, and no part of a secret is ever logged, audited or served.
/// </summary>
public static class ApiKeys
{
    private const string KeyPrefix = "pvk_";

    /// <summary>A bootstrap key from configuration must be at least this long (a generated key's secret is 43).</summary>
    public const int MinimumBootstrapKeyLength = 32;

    /// <summary>A new key, <c>&lt;public id&gt;_&lt;secret&gt;</c>: a holder can match it to its listing by the public id.</summary>
    public static (string Key, string PublicId) NewKey()
    {
        var publicId = NewPublicId();
        return (publicId + "_" + Base64Url(RandomNumberGenerator.GetBytes(32)), publicId);
    }

    /// <summary>An identifier with nothing of any secret in it.</summary>
    public static string NewPublicId() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
