using System.Security.Cryptography;
using System.Text;

namespace Provenance.Api.Auth;

/// <summary>Making and hashing bearer keys. Only the hash is ever stored.</summary>
public static class ApiKeys
{
    private const string KeyPrefix = "pvk_";

    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What an admin sees of a key: enough to tell keys apart, not enough to use one.</summary>
    public static string DisplayPrefix(string key) => key.Length <= 12 ? key : key[..12];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
