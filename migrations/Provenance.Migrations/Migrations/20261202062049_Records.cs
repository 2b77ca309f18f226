using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Records : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // revisions.published_without_review is added by the Histories migration, which runs first.

            // Imports used to publish at once with no reviewer: say so of the revisions they published.
            migrationBuilder.Sql("""
                UPDATE revisions SET published_without_review = true
                WHERE status = 'Approved' AND reviewer_id IS NULL AND review_comment LIKE 'Published by %'
                """);

            // A footnote's marker is how the text refers to it: the key was "label".
            migrationBuilder.Sql("""
                UPDATE documents SET footnotes = (
                    SELECT coalesce(jsonb_agg(jsonb_build_object('marker', f->>'label', 'text', f->>'text') ORDER BY n), '[]'::jsonb)
                    FROM jsonb_array_elements(footnotes) WITH ORDINALITY AS e(f, n))
                WHERE jsonb_array_length(footnotes) > 0 AND footnotes->0 ? 'label'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE documents SET footnotes = (
                    SELECT coalesce(jsonb_agg(jsonb_build_object('label', f->>'marker', 'text', f->>'text') ORDER BY n), '[]'::jsonb)
                    FROM jsonb_array_elements(footnotes) WITH ORDINALITY AS e(f, n))
                WHERE jsonb_array_length(footnotes) > 0 AND footnotes->0 ? 'marker'
                """);

        }
    }
}
