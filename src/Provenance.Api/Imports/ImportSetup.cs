using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Imports;

namespace Provenance.Api.Imports;

internal static class ImportSetup
{
    public static IHostApplicationBuilder AddProvenanceImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RecordImporter>();
        return builder;
    }

    /// <summary>Imports every record in the seed folder when the database has no documents yet.</summary>
    public static async Task ImportSeedsIfEmptyAsync(this WebApplication app)
    {
        var folder = SeedFolder(app.Services.GetRequiredService<IOptions<ImportOptions>>().Value.SeedDirectory, app.Environment.ContentRootPath);
        if (folder is null)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        if (await db.Documents.AnyAsync())
        {
            return;
        }

        var importer = scope.ServiceProvider.GetRequiredService<RecordImporter>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(IsRecordFile).Order(StringComparer.Ordinal))
        {
            // Seeds are a migration by the system: published as they are, marked published without review (ADR 0006).
            var outcome = await importer.ImportAsync(await File.ReadAllTextAsync(file), ImportPublication.Migration, Actor.System, CancellationToken.None);
            app.Logger.LogInformation("Seed {SeedFile} imported as document {DocumentId}", Path.GetFileName(file), outcome.DocumentId);
        }
    }

    private static bool IsRecordFile(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    private static string? SeedFolder(string? configured, string contentRoot)
    {
        if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : throw new DirectoryNotFoundException($"Seed directory {configured} does not exist.");
        }

        // From src/Provenance.Api or a bin folder, the repository's seeds/ is a few levels up.
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seeds");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
