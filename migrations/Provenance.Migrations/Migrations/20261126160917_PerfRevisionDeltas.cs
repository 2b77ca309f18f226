using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PerfRevisionDeltas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "revisions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text")
                .Annotation("Npgsql:Compression:", "lz4");

            migrationBuilder.AddColumn<byte[]>(
                name: "delta",
                table: "revisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "snapshot",
                table: "revisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // ADR 0005: every existing row keeps its full text and becomes a snapshot (snapshots are valid
            // anywhere); revisions stored from now on are deltas. Existing values keep pglz until rewritten.
            migrationBuilder.Sql("UPDATE revisions SET snapshot = true;");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_translation_id_number_snapshot",
                table: "revisions",
                columns: new[] { "translation_id", "number" },
                filter: "snapshot");

            migrationBuilder.AddCheckConstraint(
                name: "ck_revisions_snapshot_or_delta",
                table: "revisions",
                sql: "(snapshot AND text IS NOT NULL AND delta IS NULL) OR (NOT snapshot AND text IS NULL AND delta IS NOT NULL AND parent_id IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_revisions_translation_id_number_snapshot",
                table: "revisions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_revisions_snapshot_or_delta",
                table: "revisions");

            // Back to full texts everywhere: delta rows cannot be rebuilt in SQL, so refuse rather than lose them.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  IF EXISTS (SELECT 1 FROM revisions WHERE NOT snapshot) THEN
                    RAISE EXCEPTION 'revisions holds delta rows; rebuild their texts before reverting PerfRevisionDeltas';
                  END IF;
                END $$;
                """);

            migrationBuilder.DropColumn(
                name: "delta",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "snapshot",
                table: "revisions");

            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "revisions",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true)
                .OldAnnotation("Npgsql:Compression:", "lz4");
        }
    }
}
