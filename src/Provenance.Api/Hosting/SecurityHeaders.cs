namespace Provenance.Api.Hosting;

/// <summary>
/// Headers every answer carries, set in one place: <c>nosniff</c> everywhere; under <c>/api</c> a
/// Content-Security-Policy that lets a served document (the <c>format=html</c> diff) run nothing, load
/// nothing and be framed nowhere; and a <c>WWW-Authenticate</c> challenge on every 401, whichever code wrote it.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

    public static WebApplication UseProvenanceSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
                }

                if (http.Response.StatusCode == StatusCodes.Status401Unauthorized && string.IsNullOrEmpty(headers.WWWAuthenticate))
                {
                    headers.WWWAuthenticate = "Bearer";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
