using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provenance.Migrations.Migrations
{
    /// <summary>
    /// The audit trail is append-only in the database itself: UPDATE, DELETE and TRUNCATE are
    /// refused for every role, the owner included, unless a superuser disables the triggers
    /// (which the hash chain then exposes).
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;

                CREATE TRIGGER audit_events_no_update_or_delete
                    BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

                CREATE TRIGGER audit_events_no_truncate
                    BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

                REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_events_no_truncate ON audit_events;
                DROP TRIGGER audit_events_no_update_or_delete ON audit_events;
                DROP FUNCTION audit_events_refuse_change();
                """);
        }
    }
}
