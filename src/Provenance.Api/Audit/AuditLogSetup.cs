namespace Provenance.Api.Audit;

public static class AuditLogSetup
{
    /// <summary>The checkpoint signer and the witness (which also brings the Merkle tree up to date at start).</summary>
    public static IHostApplicationBuilder AddProvenanceAuditLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditLogOptions>().BindConfiguration(AuditLogOptions.Section);
        builder.Services.AddSingleton<CheckpointSigner>();
        builder.Services.AddHttpClient(AuditWitness.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<AuditWitness>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditWitness>());
        return builder;
    }
}
