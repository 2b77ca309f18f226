using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Compare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
    }
}
