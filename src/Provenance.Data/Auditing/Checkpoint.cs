using System.Globalization;

namespace Provenance.Data.Auditing;

/// <summary>
/// A C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin of the log, its size and the
/// base64 root hash of its Merkle tree, one a line. Signed, it is the body of a signed note.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Convert.ToBase64String(Root)}\n");

    /// <summary>Parses a checkpoint's text (extension lines after the root are allowed and ignored); null and why when it is not one.</summary>
    public static Checkpoint? Parse(string text, out string? error)
    {
        var lines = text.Split('\n');
        // The text ends in a newline, so the last element is empty.
        if (lines.Length < 4 || lines[^1].Length != 0)
        {
            error = "a checkpoint has an origin line, a size line and a root hash line";
            return null;
        }

        if (lines[0].Length == 0)
        {
            error = "the checkpoint's origin line is empty";
            return null;
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            error = "the checkpoint's size is not a decimal number";
            return null;
        }

        var root = new byte[MerkleTree.HashSize + 1];
        if (!Convert.TryFromBase64String(lines[2], root, out var written) || written != MerkleTree.HashSize)
        {
            error = "the checkpoint's root hash is not 32 bytes of base64";
            return null;
        }

        error = null;
        return new Checkpoint(lines[0], size, root[..MerkleTree.HashSize]);
    }
}
