using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <summary>
    /// The Merkle tree over the audit trail (RFC 9162), stored as its perfect subtrees; append-only like
    /// the events it covers. Events written before it are added to it at the service's start.
    /// </summary>
    public partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    level = table.Column<short>(type: "smallint", nullable: false),
                    index = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_tree_nodes", x => new { x.level, x.index });
                });

            migrationBuilder.Sql("""
                CREATE FUNCTION audit_tree_nodes_refuse_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_tree_nodes is append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;

                CREATE TRIGGER audit_tree_nodes_no_update_or_delete
                    BEFORE UPDATE OR DELETE ON audit_tree_nodes
                    FOR EACH ROW EXECUTE FUNCTION audit_tree_nodes_refuse_change();

                CREATE TRIGGER audit_tree_nodes_no_truncate
                    BEFORE TRUNCATE ON audit_tree_nodes
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_tree_nodes_refuse_change();

                REVOKE UPDATE, DELETE, TRUNCATE ON audit_tree_nodes FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_tree_nodes");
            migrationBuilder.Sql("DROP FUNCTION audit_tree_nodes_refuse_change();");
        }
    }
}
