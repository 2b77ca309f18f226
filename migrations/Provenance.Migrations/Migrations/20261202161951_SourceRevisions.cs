using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SourceRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "source_revision_id",
                table: "revisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_revisions_source_revision_id",
                table: "revisions",
                column: "source_revision_id");

            migrationBuilder.AddForeignKey(
                name: "fk_revisions_revisions_source_revision_id",
                table: "revisions",
                column: "source_revision_id",
                principalTable: "revisions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The source moves from the translation to each revision (ADR 0010): a translation's claim was its published text's.
            migrationBuilder.Sql("""
                UPDATE revisions r SET source_revision_id = t.source_revision_id
                FROM translations t WHERE t.current_revision_id = r.id AND t.source_revision_id IS NOT NULL;
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_translations_revisions_source_revision_id",
                table: "translations");

            migrationBuilder.DropIndex(
                name: "ix_translations_source_revision_id",
                table: "translations");

            migrationBuilder.DropColumn(
                name: "source_revision_id",
                table: "translations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_revisions_revisions_source_revision_id",
                table: "revisions");

            migrationBuilder.DropIndex(
                name: "ix_revisions_source_revision_id",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "source_revision_id",
                table: "revisions");

            migrationBuilder.AddColumn<long>(
                name: "source_revision_id",
                table: "translations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_translations_source_revision_id",
                table: "translations",
                column: "source_revision_id");

            migrationBuilder.AddForeignKey(
                name: "fk_translations_revisions_source_revision_id",
                table: "translations",
                column: "source_revision_id",
                principalTable: "revisions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
