using Microsoft.Net.Http.Headers;

namespace Provenance.Api.Ui;

/// <summary>
/// The review UI: static pages from <c>wwwroot</c> (plain HTML, CSS and ES modules, no build step) at <c>/</c>.
/// Routing happens in the browser after <c>#</c>, so the server needs no fallback route.
/// </summary>
public static class UiSetup
{
    /// <summary>
    /// Call before authentication: the pages hold no data, so they are served even when reads need a key
    /// (the fallback authorization policy would otherwise guard them); every API call they make is checked.
    /// </summary>
    public static WebApplication UseProvenanceUi(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                // Revalidate each time: a new deployment must never mix old modules with new ones.
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                ctx.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                ctx.Context.Response.Headers["Content-Security-Policy"] =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            },
        });
        return app;
    }
}
