#!/bin/sh
# Run once by the postgres image when it creates the primary's cluster: lets a standby
# (`docker compose --profile standby up`, service db-standby) stream WAL from it.
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
