using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <summary>
    /// A key's prefix was its first 12 characters, part of the secret. It becomes a public identifier drawn apart
    /// from the secret. (Events already in the audit trail keep the old prefixes: rotate a key created before this.)
    /// </summary>
    public partial class Trust : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE api_keys SET prefix = 'pvk_' || substr(md5(gen_random_uuid()::text), 1, 8);");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The old prefixes held part of each secret; they are not restored.
        }
    }
}
