using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Histories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "authored_at",
                table: "revisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "authored_offset_minutes",
                table: "revisions",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "imported_by_id",
                table: "revisions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "published_without_review",
                table: "revisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "metadata_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    fields = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reviewer_id = table.Column<long>(type: "bigint", nullable: true),
                    review_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metadata_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_metadata_changes_contributors_author_id",
                        column: x => x.author_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_metadata_changes_contributors_reviewer_id",
                        column: x => x.reviewer_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_metadata_changes_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "translation_contributors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    translation_id = table.Column<long>(type: "bigint", nullable: false),
                    contributor_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_translation_contributors", x => x.id);
                    table.ForeignKey(
                        name: "fk_translation_contributors_contributors_contributor_id",
                        column: x => x.contributor_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_translation_contributors_translations_translation_id",
                        column: x => x.translation_id,
                        principalTable: "translations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_revisions_imported_by_id",
                table: "revisions",
                column: "imported_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_changes_author_id",
                table: "metadata_changes",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_changes_document_id",
                table: "metadata_changes",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_metadata_changes_reviewer_id",
                table: "metadata_changes",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "ix_translation_contributors_contributor_id",
                table: "translation_contributors",
                column: "contributor_id");

            migrationBuilder.CreateIndex(
                name: "ix_translation_contributors_translation_id_contributor_id_role",
                table: "translation_contributors",
                columns: new[] { "translation_id", "contributor_id", "role" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_revisions_contributors_imported_by_id",
                table: "revisions",
                column: "imported_by_id",
                principalTable: "contributors",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_revisions_contributors_imported_by_id",
                table: "revisions");

            migrationBuilder.DropTable(
                name: "metadata_changes");

            migrationBuilder.DropTable(
                name: "translation_contributors");

            migrationBuilder.DropIndex(
                name: "ix_revisions_imported_by_id",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "authored_at",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "authored_offset_minutes",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "imported_by_id",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "published_without_review",
                table: "revisions");
        }
    }
}
