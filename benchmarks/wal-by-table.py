#!/usr/bin/env python3
"""WAL bytes by table over a measured window, added to a load driver's JSON result.

    wal-by-table.py RESULT.json PG_DIR

Reads the window's WAL positions from the result (cost.walStart, cost.walEnd, written by
`Pitstop.Ingestion run --pg-stats`), decodes that WAL with pg_waldump from the throwaway server in
PG_DIR (scripts/postgres.sh's layout: PG_DIR/data, the connection string in
PG_DIR/connection-string; the server must still be running and must have kept its WAL, see
lib.sh's keep_wal), and charges each record's total length (full-page images included) to the
table its first block belongs to: an index or a TOAST relation counts for its table. Records that
touch no block (commits, checkpoints) are "(no relation)". Writes cost.walBytesByTable into the
result and prints the table.
"""
import collections
import json
import os
import re
import subprocess
import sys


def as_postgres(args):
    # The server's files belong to the postgres user when scripts/postgres.sh ran as root.
    return (["runuser", "-u", "postgres", "--"] + args) if os.geteuid() == 0 else args


def bindir():
    for d in sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(v) if v.isdigit() else 0, reverse=True):
        if os.path.exists(f"/usr/lib/postgresql/{d}/bin/pg_waldump"):
            return f"/usr/lib/postgresql/{d}/bin"
    sys.exit("wal-by-table.py: pg_waldump not found under /usr/lib/postgresql")


def psql(bin_dir, connection, sql):
    fields = dict(part.split("=", 1) for part in connection.strip().split(";") if "=" in part)
    out = subprocess.run([f"{bin_dir}/psql", "-h", fields["Host"], "-p", fields["Port"], "-U", fields["Username"],
                          "-d", fields["Database"], "-At", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def owners(bin_dir, connection):
    """relfilenode -> table name, for the relations of the connected database."""
    classes = psql(bin_dir, connection, "SELECT oid, relfilenode, relname, reltoastrelid FROM pg_class")
    index_of = dict(psql(bin_dir, connection, "SELECT indexrelid, indrelid FROM pg_index"))
    name = {oid: relname for oid, _, relname, _ in classes}
    toast_owner = {toast: oid for oid, _, _, toast in classes if toast != "0"}

    def table(oid):
        # An index counts for its table, a TOAST table (and so its index) for the table it serves.
        oid = index_of.get(oid, oid)
        return name.get(toast_owner.get(oid, oid), "?")

    database = psql(bin_dir, connection, "SELECT oid FROM pg_database WHERE datname = current_database()")[0][0]
    return database, {filenode: table(oid) for oid, filenode, _, _ in classes if filenode != "0"}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    result_path, pg_dir = sys.argv[1], sys.argv[2]
    with open(result_path) as f:
        result = json.load(f)
    cost = result.get("cost") or {}
    start, end = cost.get("walStart"), cost.get("walEnd")
    if not start or not end:
        sys.exit(f"wal-by-table.py: {result_path} has no WAL window (run the driver with --pg-stats)")

    bin_dir = bindir()
    with open(os.path.join(pg_dir, "connection-string")) as f:
        connection = f.read()
    database, tables = owners(bin_dir, connection)

    dump = subprocess.run(as_postgres([f"{bin_dir}/pg_waldump", "-p", os.path.join(pg_dir, "data", "pg_wal"),
                                       "--start", start, "--end", end]),
                          capture_output=True, text=True)
    record = re.compile(r"len \(rec/tot\):\s*\d+/\s*(\d+),")
    block = re.compile(r"blkref #\d+: rel (\d+)/(\d+)/(\d+)")
    totals = collections.Counter()
    records = 0
    for line in dump.stdout.splitlines():
        m = record.search(line)
        if not m:
            continue
        records += 1
        b = block.search(line)
        if b is None:
            owner = "(no relation)"
        elif b.group(2) != database:
            owner = "(shared catalogs)" if b.group(2) == "0" else "(other databases)"
        else:
            owner = tables.get(b.group(3), "(catalogs and dropped relations)")
        totals[owner] += int(m.group(1))
    if records == 0:
        sys.exit(f"wal-by-table.py: pg_waldump decoded nothing from {start} to {end}: {dump.stderr.strip()[:500]}")
    if dump.returncode != 0:
        # It stops with an error at the end of what was written; the records before it are whole.
        print(f"wal-by-table.py: pg_waldump: {dump.stderr.strip()[:300]}", file=sys.stderr)

    cost["walBytesByTable"] = dict(totals.most_common())
    result["cost"] = cost
    with open(result_path, "w") as f:
        json.dump(result, f, indent=2)
    events = max(1, cost.get("events", 0))
    print(f"WAL by table, {records:,} records, {start} .. {end} ({result.get('label', '')}):", file=sys.stderr)
    for owner, total in totals.most_common():
        print(f"  {owner:40} {total:>14,} bytes  {total / events:>10,.0f} per event", file=sys.stderr)


main()
