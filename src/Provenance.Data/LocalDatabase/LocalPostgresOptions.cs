namespace Provenance.Data.LocalDatabase;

/// <summary>Settings of the private PostgreSQL cluster started when no connection string is configured.</summary>
public sealed class LocalPostgresOptions
{
    public const string Section = "Provenance:LocalDatabase";

    /// <summary>Where the cluster's data lives; survives restarts unless <see cref="Throwaway"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder with initdb and pg_ctl; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    public string Database { get; set; } = "provenance";

    /// <summary>A test cluster: no durability settings, stopped immediately and deleted on dispose.</summary>
    public bool Throwaway { get; set; }

    public static string DefaultDataDirectory()
    {
        // root's home is closed to the postgres user the server runs as, so root keeps it under /var/lib.
        if (LocalPostgresCluster.RunningAsRoot)
        {
            return "/var/lib/provenance/postgres";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "provenance", "postgres");
    }
}
