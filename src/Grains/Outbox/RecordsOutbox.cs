using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Notifications;

namespace Pitstop.Grains.Outbox;

/// <summary>
/// What a grain has decided but not yet handed to the shared records (the notification feed and
/// the ledger journal). Kept in the grain's state and written with it, then sent: a crash between
/// the write and the send leaves it here, to be sent on the next activation. Both records are
/// idempotent by id, so sending twice is harmless.
/// </summary>
[GenerateSerializer, Alias("pitstop.Outbox")]
public sealed class RecordsOutbox
{
    [Id(0)] public List<Notification> Notifications { get; set; } = [];
    [Id(1)] public List<LedgerEntry> Entries { get; set; } = [];

    public bool IsEmpty => Notifications.Count == 0 && Entries.Count == 0;
}
