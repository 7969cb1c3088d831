using System.Text.Json;
using Npgsql;
using Pitstop.Grains.Interfaces.Ledger;

namespace Pitstop.Silo.Storage;

/// <summary>
/// Ledger entries as the rows of <c>pitstop_ledger_entry</c> (Schema/007, 017): one array
/// parameter per column, unnested in one multi-row insert. Both writers of the journal use it: the
/// grain state rounds (<see cref="GrainStateTable"/>, entries atomic with their grain's state) and
/// <see cref="PostgresLedgerJournal"/> (entries of states kept in the reference storage).
/// </summary>
internal static class LedgerEntryRows
{
    /// <summary>The columns an append writes.</summary>
    public const string Columns = "id, at, kind, from_account, to_account, points, dealership_id, source_event_id, note, rule, rule_inputs, program_version, reverses";

    /// <summary>The values of <see cref="Columns"/>, from <see cref="Unnest"/>.</summary>
    public const string Values = "u.i, u.a, u.k, u.f, u.t, u.p, u.d, u.s, u.n, u.r, u.ri::jsonb, u.pv, u.rv";

    /// <summary>The parameters <see cref="AddTo"/> adds, one row per entry, numbered from 1 in <c>u.nth</c> (outbox order).</summary>
    public const string Unnest =
        "unnest(@ids, @ats, @kinds, @froms, @tos, @points, @dealerships, @sources, @notes, @rules, @inputs, @versions, @reverses) WITH ORDINALITY AS u(i, a, k, f, t, p, d, s, n, r, ri, pv, rv, nth)";

    public static void AddTo(NpgsqlCommand command, IReadOnlyList<LedgerEntry> entries)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. entries.Select(e => e.Id)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. entries.Select(e => e.At.UtcDateTime)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", [.. entries.Select(e => e.Kind)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("froms", [.. entries.Select(e => e.From)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("tos", [.. entries.Select(e => e.To)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("points", [.. entries.Select(e => e.Points)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("dealerships", [.. entries.Select(e => e.DealershipId)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("sources", [.. entries.Select(e => e.SourceEventId)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("notes", [.. entries.Select(e => PostgresText.OfNullable(e.Note))]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("rules", [.. entries.Select(e => e.Explanation?.Rule)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("inputs", [.. entries.Select(e => e.Explanation is { } x ? JsonSerializer.Serialize(PostgresText.Of(x.Inputs)) : null)]));
        command.Parameters.Add(new NpgsqlParameter<int?[]>("versions", [.. entries.Select(e => e.Explanation?.ProgramVersion)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("reverses", [.. entries.Select(e => e.Reverses)]));
    }
}
