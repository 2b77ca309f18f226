using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Provenance.Data.Auditing;

/// <summary>
/// An Ed25519 signer of C2SP signed notes (https://c2sp.org/signed-note). Its key is written in the
/// note signer key format of Go's golang.org/x/mod/sumdb/note: <c>PRIVATE+KEY+name+hexid+base64(0x01 ‖ seed)</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const byte Ed25519Type = 0x01;
    private const string PrivateKeyPrefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = NoteKey.Id(name, PublicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public uint KeyId { get; }

    /// <summary><c>name+hexid+base64(0x01 ‖ public key)</c>: what a verifier needs, and all it needs.</summary>
    public string VerifierKey => NoteKey.Format(Name, KeyId, PublicKey);

    public static NoteSigner Generate(string name)
    {
        NoteKey.CheckName(name);
        return new NoteSigner(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Reads a signer key; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static NoteSigner FromSignerKey(string text)
    {
        var parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || !text.Trim().StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
        {
            throw new FormatException("A signer key is PRIVATE+KEY+<name>+<hex key id>+<base64 key>.");
        }

        var name = parts[2];
        NoteKey.CheckName(name);
        var blob = Convert.FromBase64String(parts[4]);
        if (blob.Length != 33 || blob[0] != Ed25519Type)
        {
            throw new FormatException("The signer key is not an Ed25519 key (0x01 and a 32-byte seed).");
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var signer = new NoteSigner(name, key);
        if (!string.Equals(parts[3], signer.KeyId.ToString("x8", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            signer.Dispose();
            throw new FormatException("The signer key's id does not match its name and key.");
        }

        return signer;
    }

    public string SignerKey()
    {
        byte[] blob = [Ed25519Type, .. _key.Export(KeyBlobFormat.RawPrivateKey)];
        return $"{PrivateKeyPrefix}{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(blob)}";
    }

    /// <summary>The note: its text (which ends in a newline), a blank line, and one signature line.</summary>
    public string Sign(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new ArgumentException("A note's text ends with a newline.", nameof(text));
        }

        var signature = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(signature, KeyId);
        SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text), signature.AsSpan(4));
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String(signature)}\n";
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>The public half: checks that a note carries a valid signature by one key.</summary>
public sealed class NoteVerifier
{
    private readonly PublicKey _key;

    private NoteVerifier(string name, uint keyId, PublicKey key)
    {
        Name = name;
        KeyId = keyId;
        _key = key;
    }

    public string Name { get; }

    public uint KeyId { get; }

    public static NoteVerifier FromSigner(NoteSigner signer) =>
        new(signer.Name, signer.KeyId, PublicKey.Import(SignatureAlgorithm.Ed25519, signer.PublicKey, KeyBlobFormat.RawPublicKey));

    /// <summary>Reads <c>name+hexid+base64(0x01 ‖ key)</c>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static NoteVerifier Parse(string verifierKey)
    {
        var parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("A verifier key is <name>+<hex key id>+<base64 key>.");
        }

        NoteKey.CheckName(parts[0]);
        var blob = Convert.FromBase64String(parts[2]);
        if (blob.Length != 33 || blob[0] != 0x01)
        {
            throw new FormatException("The verifier key is not an Ed25519 key (0x01 and 32 bytes).");
        }

        var id = NoteKey.Id(parts[0], blob.AsSpan(1));
        if (!string.Equals(parts[1], id.ToString("x8", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw new FormatException("The verifier key's id does not match its name and key.");
        }

        return new NoteVerifier(parts[0], id, PublicKey.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPublicKey));
    }

    /// <summary>
    /// Splits a signed note into its text and signature lines. <see cref="SignedNoteResult.Malformed"/> says the
    /// note is not a signed note at all; <see cref="SignedNoteResult.Verified"/> that a line by this key verifies.
    /// </summary>
    public SignedNoteResult Open(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return SignedNoteResult.Bad("a signed note is its text, a blank line and signature lines, each ending in a newline");
        }

        var text = note[..(split + 1)];
        var lines = note[(split + 2)..^1].Split('\n');
        var verified = false;
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "\u2014")
            {
                return SignedNoteResult.Bad("a signature line is \u2014 <name> <base64 signature>");
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                return SignedNoteResult.Bad("a signature is not base64");
            }

            if (blob.Length < 5)
            {
                return SignedNoteResult.Bad("a signature is shorter than a key id");
            }

            if (string.Equals(parts[1], Name, StringComparison.Ordinal) && BinaryPrimitives.ReadUInt32BigEndian(blob) == KeyId)
            {
                verified |= blob.Length == 68 && SignatureAlgorithm.Ed25519.Verify(_key, Encoding.UTF8.GetBytes(text), blob.AsSpan(4));
            }
        }

        return new SignedNoteResult(text, verified, null);
    }
}

public sealed record SignedNoteResult(string? Text, bool Verified, string? Malformed)
{
    public static SignedNoteResult Bad(string why) => new(null, false, why);
}

internal static class NoteKey
{
    /// <summary>First four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key), big-endian.</summary>
    public static uint Id(string name, ReadOnlySpan<byte> publicKey)
    {
        byte[] input = [.. Encoding.UTF8.GetBytes(name), 0x0A, 0x01, .. publicKey];
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public static string Format(string name, uint id, ReadOnlySpan<byte> publicKey) =>
        $"{name}+{id.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String([0x01, .. publicKey])}";

    public static void CheckName(string name)
    {
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new FormatException("A key name is not empty and has no spaces or '+'.");
        }
    }
}
