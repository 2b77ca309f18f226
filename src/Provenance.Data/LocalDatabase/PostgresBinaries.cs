namespace Provenance.Data.LocalDatabase;

/// <summary>Finds the machine's PostgreSQL server binaries (initdb, pg_ctl, postgres).</summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "Install the PostgreSQL server (Debian/Ubuntu: `sudo apt-get install postgresql`; " +
        "Fedora: `sudo dnf install postgresql-server`; macOS: `brew install postgresql@16`), " +
        "or set Provenance:LocalDatabase:BinDirectory to the folder holding initdb and pg_ctl, " +
        "or set ConnectionStrings:Provenance to use an existing server.";

    /// <summary>The bin folder holding initdb and pg_ctl, newest version first; throws with what to install when none is found.</summary>
    public static string Find(string? configured = null)
    {
        foreach (var candidate in Candidates(configured))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new LocalPostgresException($"No PostgreSQL server binaries (initdb, pg_ctl) were found. {InstallHint}");
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
            yield break;
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/pgsql", "/opt/homebrew/opt", "/usr/local/opt" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var versions = Directory.GetDirectories(root)
                .Select(dir => (dir, version: VersionOf(Path.GetFileName(dir))))
                .Where(x => x.version > 0)
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        yield return "/usr/local/pgsql/bin";
    }

    // "15", "postgresql@16", "pgsql-14" → 15, 16, 14
    private static int VersionOf(string name)
    {
        var digits = new string(name.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var v) ? v : 0;
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
