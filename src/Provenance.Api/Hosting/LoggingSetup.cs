using Serilog;
using Serilog.Formatting.Compact;

namespace Provenance.Api.Hosting;

internal static class LoggingSetup
{
    /// <summary>Readable console lines in Development, compact JSON elsewhere; settings from the Serilog section.</summary>
    public static IHostApplicationBuilder AddProvenanceLogging(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        // The host owns its logger (preserveStaticLogger): one process may run several hosts (the tests do), and a
        // logger kept in the static Log.Logger is closed by whichever host stops first, silencing the others.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (development)
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true);
        return builder;
    }
}
