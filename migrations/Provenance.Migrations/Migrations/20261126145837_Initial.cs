using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "archives",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_archives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contributors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contributors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    date_text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    date_precision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    summary = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    original_language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    original_language_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    archive_id = table.Column<long>(type: "bigint", nullable: true),
                    archival_reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    citation_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    publisher_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    publisher_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    publisher_record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source_note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    markings = table.Column<List<string>>(type: "text[]", nullable: false),
                    extra_sections = table.Column<string>(type: "jsonb", nullable: false),
                    footnotes = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_documents_archives_archive_id",
                        column: x => x.archive_id,
                        principalTable: "archives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    contributor_id = table.Column<long>(type: "bigint", nullable: false),
                    key_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_contributors_contributor_id",
                        column: x => x.contributor_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<long>(type: "bigint", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_id = table.Column<long>(type: "bigint", nullable: true),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    details = table.Column<string>(type: "json", nullable: false),
                    previous_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_audit_events_contributors_actor_id",
                        column: x => x.actor_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "custody_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    holder = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    relation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custody_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_custody_steps_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "citations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    revision_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    archive = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    collection = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    fond = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    opis = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    delo = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    locator = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    publisher = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    added_by_id = table.Column<long>(type: "bigint", nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retracted_by_id = table.Column<long>(type: "bigint", nullable: true),
                    retracted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retraction_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citations", x => x.id);
                    table.ForeignKey(
                        name: "fk_citations_contributors_added_by_id",
                        column: x => x.added_by_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_citations_contributors_retracted_by_id",
                        column: x => x.retracted_by_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_citations_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    translation_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    author_id = table.Column<long>(type: "bigint", nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    merged = table.Column<bool>(type: "boolean", nullable: false),
                    base_revision_id = table.Column<long>(type: "bigint", nullable: true),
                    reviewer_id = table.Column<long>(type: "bigint", nullable: true),
                    review_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_revisions_contributors_author_id",
                        column: x => x.author_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_revisions_contributors_reviewer_id",
                        column: x => x.reviewer_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_revisions_revisions_base_revision_id",
                        column: x => x.base_revision_id,
                        principalTable: "revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_revisions_revisions_parent_id",
                        column: x => x.parent_id,
                        principalTable: "revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "translations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    translator_id = table.Column<long>(type: "bigint", nullable: true),
                    head_revision_id = table.Column<long>(type: "bigint", nullable: true),
                    current_revision_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_translations", x => x.id);
                    table.ForeignKey(
                        name: "fk_translations_contributors_translator_id",
                        column: x => x.translator_id,
                        principalTable: "contributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_translations_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_translations_revisions_current_revision_id",
                        column: x => x.current_revision_id,
                        principalTable: "revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_translations_revisions_head_revision_id",
                        column: x => x.head_revision_id,
                        principalTable: "revisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_contributor_id",
                table: "api_keys",
                column: "contributor_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_archives_code",
                table: "archives",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_id",
                table: "audit_events",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_document_id",
                table: "audit_events",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_entity_type_entity_id",
                table: "audit_events",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_sequence",
                table: "audit_events",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_citations_added_by_id",
                table: "citations",
                column: "added_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_citations_document_id",
                table: "citations",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_citations_retracted_by_id",
                table: "citations",
                column: "retracted_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_citations_revision_id",
                table: "citations",
                column: "revision_id");

            migrationBuilder.CreateIndex(
                name: "ix_contributors_name",
                table: "contributors",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_custody_steps_document_id_order",
                table: "custody_steps",
                columns: new[] { "document_id", "order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_archive_id",
                table: "documents",
                column: "archive_id");

            migrationBuilder.CreateIndex(
                name: "ix_documents_date",
                table: "documents",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_documents_original_language",
                table: "documents",
                column: "original_language");

            migrationBuilder.CreateIndex(
                name: "ix_documents_publisher_url",
                table: "documents",
                column: "publisher_url",
                unique: true,
                filter: "publisher_url IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_search_vector",
                table: "documents",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_documents_title_date_text",
                table: "documents",
                columns: new[] { "title", "date_text" });

            migrationBuilder.CreateIndex(
                name: "ix_revisions_author_id",
                table: "revisions",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_base_revision_id",
                table: "revisions",
                column: "base_revision_id");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_parent_id",
                table: "revisions",
                column: "parent_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_revisions_reviewer_id",
                table: "revisions",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_sha256",
                table: "revisions",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_translation_id_number",
                table: "revisions",
                columns: new[] { "translation_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_revisions_translation_id_root",
                table: "revisions",
                column: "translation_id",
                unique: true,
                filter: "parent_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_translations_current_revision_id",
                table: "translations",
                column: "current_revision_id");

            migrationBuilder.CreateIndex(
                name: "ix_translations_document_id_language_kind_translator_id",
                table: "translations",
                columns: new[] { "document_id", "language", "kind", "translator_id" });

            migrationBuilder.CreateIndex(
                name: "ix_translations_head_revision_id",
                table: "translations",
                column: "head_revision_id");

            migrationBuilder.CreateIndex(
                name: "ix_translations_translator_id",
                table: "translations",
                column: "translator_id");

            migrationBuilder.AddForeignKey(
                name: "fk_citations_revisions_revision_id",
                table: "citations",
                column: "revision_id",
                principalTable: "revisions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_revisions_translations_translation_id",
                table: "revisions",
                column: "translation_id",
                principalTable: "translations",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_revisions_contributors_author_id",
                table: "revisions");

            migrationBuilder.DropForeignKey(
                name: "fk_revisions_contributors_reviewer_id",
                table: "revisions");

            migrationBuilder.DropForeignKey(
                name: "fk_translations_contributors_translator_id",
                table: "translations");

            migrationBuilder.DropForeignKey(
                name: "fk_translations_documents_document_id",
                table: "translations");

            migrationBuilder.DropForeignKey(
                name: "fk_translations_revisions_current_revision_id",
                table: "translations");

            migrationBuilder.DropForeignKey(
                name: "fk_translations_revisions_head_revision_id",
                table: "translations");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "citations");

            migrationBuilder.DropTable(
                name: "custody_steps");

            migrationBuilder.DropTable(
                name: "contributors");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropTable(
                name: "archives");

            migrationBuilder.DropTable(
                name: "revisions");

            migrationBuilder.DropTable(
                name: "translations");
        }
    }
}
