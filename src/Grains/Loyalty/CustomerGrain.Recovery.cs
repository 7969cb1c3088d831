using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Outbox;
using Pitstop.Grains.Recovery;

namespace Pitstop.Grains.Loyalty;

/// <summary>The customer's side of service recovery: incidents join them, recoveries reach their wallet, notices go back.</summary>
public sealed partial class CustomerGrain
{
    public async Task<IncidentContext> JoinIncidentAsync(string incidentId, DateTimeOffset openedAt)
    {
        var linked = State.Incidents.Links.Count;
        var context = State.Incidents.Join(incidentId, openedAt, _recovery.IsRepeat, Now);
        // Usually linked already, by the event that opened it.
        if (State.Incidents.Links.Count != linked)
        {
            // Persisted before the incident goes on: a later incident's repeat rule depends on it.
            await _events.WriteAsync();
        }

        return context;
    }

    public async Task<RecoveryOutcome> ReceiveRecoveryAsync(string incidentId, long points, string dealershipId)
    {
        if (State.Incidents.Recoveries.TryGetValue(incidentId, out var received))
        {
            return new RecoveryOutcome(received.Category, received.FundedAt is not null, received.FundedAt);
        }

        var category = RecoveryRules.CategoryFor(State.Profile?.Preferences ?? [], RedeemedExperiences.Of(State.Redemptions.Values));
        var transferId = LedgerIds.RecoveryTransfer(incidentId, Self);
        // The cause is the incident, not an event: reversing the event that opened it does not
        // take back a recovery already given (see docs/decisions.md, service recovery).
        // The version that set the award: the one in force when the incident opened, at its dealership.
        var openedAt = State.Incidents.Links.Find(l => l.IncidentId == incidentId)?.OpenedAt ?? Now;
        var version = (await _versions.AtAsync(openedAt, dealershipId)).Number;
        var explanation = new EntryExplanation("recovery", new Dictionary<string, string> { ["incidentId"] = incidentId }, version);
        var funded = points <= 0
            || (await _wallet.AwardAsync(new AwardRequest(transferId, Self, points, LedgerIds.RecoveryCause(incidentId), Explanation: explanation), dealershipId)).Funded;
        received = new RecoveryReceived(transferId, category, funded ? Now : null, points);
        State.Incidents.Recoveries[incidentId] = received;
        await SaveAsync();
        return new RecoveryOutcome(category, funded, received.FundedAt);
    }

    /// <summary>
    /// Hands an incident its notices (<see cref="OutboxDispatch"/>): an incident may at this moment
    /// be waiting on this customer, to link itself or deliver its recovery.
    /// </summary>
    private Task NoticeIncidentAsync(IReadOnlyList<Delivery> deliveries)
    {
        var notices = deliveries.Cast<IncidentNoticeDelivery>().ToList();
        return GrainFactory.Reference<IIncidentGrain>(notices[0].IncidentId).NoticeAsync([.. notices.Select(n => n.Notice)]);
    }
}
