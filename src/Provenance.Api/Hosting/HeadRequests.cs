namespace Provenance.Api.Hosting;

/// <summary>
/// HEAD wherever GET is (RFC 9110 §9.3.2): the same status and headers (validators, lifetimes, links), no body.
/// Minimal APIs route each endpoint by its declared methods only, so a HEAD is routed as the GET it asks about, and
/// is a HEAD again for everything after routing (logs, caching, read routing); what the endpoint writes is dropped.
/// </summary>
internal static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            http.Features.Set(new RoutedAsGet());
            http.Request.Method = HttpMethods.Get;
            http.Response.Body = Stream.Null;
            await next(http);
        });
        app.UseRouting();
        app.Use((http, next) =>
        {
            if (http.Features.Get<RoutedAsGet>() is not null)
            {
                http.Request.Method = HttpMethods.Head;
            }

            return next(http);
        });
        return app;
    }

    private sealed class RoutedAsGet;
}
