using System.Globalization;
using System.Net;
using System.Text;

namespace Provenance.Text.Diff;

/// <summary>
/// Renders a diff as an inline HTML fragment. Changes use <c>&lt;ins&gt;</c>/<c>&lt;del&gt;</c> and moves a
/// labelled link between both ends, so meaning never rests on colour alone. Style with
/// <c>white-space: pre-wrap</c>; classes: diff-equal, diff-changed, diff-inserted, diff-deleted, diff-moved,
/// diff-editorial.
/// </summary>
public static class HtmlDiffRenderer
{
    public static string Render(DiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var html = new StringBuilder();
        html.Append("<div class=\"diff\">\n");
        foreach (var op in diff.Operations)
        {
            var kind = op.Kind.ToString().ToLowerInvariant();
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"diff-op diff-{kind}\"");
            html.Append(CultureInfo.InvariantCulture, $" data-left-line=\"{op.LeftStart}\" data-right-line=\"{op.RightStart}\"");
            if (op.MoveId is { } moveId)
            {
                var direction = op.Direction == MoveDirection.From ? "from" : "to";
                var other = op.Direction == MoveDirection.From ? "to" : "from";
                html.Append(CultureInfo.InvariantCulture, $" id=\"diff-move-{moveId}-{direction}\" data-move-id=\"{moveId}\" data-move-direction=\"{direction}\">");
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"diff-move-link\" href=\"#diff-move-{moveId}-{other}\">");
                html.Append(op.Direction == MoveDirection.From ? "Moved paragraph (new place)" : "Moved paragraph (old place)");
                html.Append("</a>");
            }
            else
            {
                html.Append('>');
            }

            switch (op.Kind)
            {
                case DiffOperationKind.Equal:
                    html.Append(WebUtility.HtmlEncode(op.LeftText));
                    break;
                case DiffOperationKind.Moved when op.Direction == MoveDirection.From:
                    // The old place shows the paragraph as it was; the changes inside it show at the new place.
                    AppendSpans(html, op.Spans.Where(s => s.Kind != DiffSpanKind.Inserted), deletedAsPlain: true);
                    break;
                default:
                    AppendSpans(html, op.Spans, deletedAsPlain: false);
                    break;
            }

            html.Append("</div>\n");
        }

        html.Append("</div>\n");
        return html.ToString();
    }

    private static void AppendSpans(StringBuilder html, IEnumerable<DiffSpan> spans, bool deletedAsPlain)
    {
        foreach (var span in spans)
        {
            var text = WebUtility.HtmlEncode(span.Text);
            var editorial = span.Editorial ? " diff-editorial" : string.Empty;
            var title = span.Editorial ? " title=\"editorial\"" : string.Empty;
            switch (span.Kind)
            {
                case DiffSpanKind.Inserted:
                    html.Append(CultureInfo.InvariantCulture, $"<ins class=\"diff-ins{editorial}\"{title}>{text}</ins>");
                    break;
                case DiffSpanKind.Deleted when !deletedAsPlain:
                    html.Append(CultureInfo.InvariantCulture, $"<del class=\"diff-del{editorial}\"{title}>{text}</del>");
                    break;
                case var _ when !span.Editorial:
                    html.Append(text);
                    break;
                default:
                    html.Append(CultureInfo.InvariantCulture, $"<span class=\"diff-editorial\">{text}</span>");
                    break;
            }
        }
    }
}
