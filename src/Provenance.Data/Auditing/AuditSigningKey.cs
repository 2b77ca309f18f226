namespace Provenance.Data.Auditing;

/// <summary>The checkpoint signing key's file: read it, or create it (readable by its owner only) when there is none.</summary>
public static class AuditSigningKey
{
    public const string DefaultFileName = "audit-signing.key";

    public static NoteSigner LoadOrCreate(string path, string name, out bool created)
    {
        created = false;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var generated = NoteSigner.Generate(name);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(path, options))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(generated.SignerKey() + "\n");
                }

                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        try
        {
            return NoteSigner.FromSignerKey(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The audit signing key file {path} is not a note signer key: {e.Message}", e);
        }
    }
}
