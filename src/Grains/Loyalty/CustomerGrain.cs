using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pitstop.Grains.Configuration;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Ledger;
using Pitstop.Grains.Interfaces.Loyalty;
using Pitstop.Grains.Interfaces.Recovery;
using Pitstop.Grains.Interfaces.Rewards;
using Pitstop.Grains.Ledger;
using Pitstop.Grains.Recovery;

namespace Pitstop.Grains.Loyalty;

public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
    IOptions<ProgramOptions> program,
    MemberServices services,
    ILogger<CustomerGrain> logger)
    : MemberGrain<CustomerState>(state, services), ICustomerGrain
{
    private static readonly TimeSpan ExpiringSoon = TimeSpan.FromDays(90);

    private readonly CustomerEarning _earning = new(program.Value.CustomerEarning);
    private readonly RecoveryRules _recovery = new(program.Value.Recovery);
    private bool _sendingNotices;

    protected override Tier? RedemptionTier => State.Tier;

    protected override MemberRef Self => new(MemberKind.Customer, this.GetPrimaryKeyString());

    private CustomerIncidents Incidents => State.Incidents;

    public Task<CustomerView?> GetAsync() => Task.FromResult(
        Exists
            ? new CustomerView(
                this.GetPrimaryKeyString(), State.Tier, State.Wallet.ToBalance(), State.HomeDealershipId, State.EventsApplied,
                [.. ExpiringWithin(ExpiringSoon).Select(l => new ExpiringPoints(l.Points, l.ExpiresAt))], State.Profile)
            : null);

    protected override bool Apply(DmsEvent e)
    {
        var changed = false;
        // A customer seen for the first time belongs to the dealership that reported them.
        if (State.HomeDealershipId.Length == 0)
        {
            State.HomeDealershipId = e.DealershipId;
            changed = true;
        }

        // Incidents this event opens are linked now, before any of them asks: the router sends
        // incidents their events only after the customers have applied theirs, so the repeat rule
        // sees every incident of the batch whatever order the incidents join in.
        foreach (var incidentId in _recovery.OpeningsOf(e.Data))
        {
            changed |= Incidents.Link(incidentId, e.OccurredAt, Now);
        }

        switch (e.Data)
        {
            case VisitCompleted visit:
                if (_earning.ForVisit(visit, State.Tier) is > 0 and var points)
                {
                    Award(e, points);
                }

                Incidents.Remember(new VisitSeen(visit.JobCardId, visit.DeliveredAt), Now);
                return true;
            case NpsSubmitted nps:
                Incidents.Remember(new NpsReading(nps.Score, e.OccurredAt, nps.SurveyId), Now);
                return true;
            default:
                return changed;
        }
    }

    public async Task<CustomerProfile> SetProfileAsync(CustomerProfile profile)
    {
        State.Profile = profile;
        await WriteOrReloadAsync();
        return profile;
    }

    public async Task<IncidentContext> JoinIncidentAsync(string incidentId, DateTimeOffset openedAt)
    {
        var linked = Incidents.Links.Count;
        var context = Incidents.Join(incidentId, openedAt, _recovery.IsRepeat, Now);
        // Usually linked already, by the event that opened it.
        if (Incidents.Links.Count != linked)
        {
            // Persisted before the incident goes on: a later incident's repeat rule depends on it.
            await WriteOrReloadAsync();
        }

        return context;
    }

    public async Task<RecoveryOutcome> ReceiveRecoveryAsync(string incidentId, long points, string dealershipId)
    {
        if (Incidents.Recoveries.TryGetValue(incidentId, out var received))
        {
            return new RecoveryOutcome(received.Category, received.FundedAt is not null, received.FundedAt);
        }

        var category = RecoveryRules.CategoryFor(State.Profile?.Preferences ?? [], RedeemedByExperience());
        var transferId = $"recovery:{incidentId}:{Self}";
        // The cause is the incident, not an event: reversing the event that opened it does not
        // take back a recovery already given (see docs/decisions.md, service recovery).
        var funded = points <= 0
            || (await AwardDirectlyAsync(new AwardRequest(transferId, Self, points, $"recovery:{incidentId}"), dealershipId)).Funded;
        received = new RecoveryReceived(transferId, category, funded ? Now : null);
        Incidents.Recoveries[incidentId] = received;
        await SaveAsync();
        return new RecoveryOutcome(category, funded, received.FundedAt);
    }

    protected override void OnAwardFunded(FundedAward award)
    {
        foreach (var (incidentId, received) in Incidents.Recoveries.Where(r => r.Value.TransferId == award.TransferId && r.Value.FundedAt is null).ToList())
        {
            Incidents.Recoveries[incidentId] = received with { FundedAt = award.FundedAt };
            Incidents.Notices.Add(new PendingNotice(incidentId, new CustomerNotice(CustomerNoticeKind.RecoveryFunded, award.FundedAt, award.TransferId)));
        }
    }

    protected override async Task SendOutboxAsync()
    {
        await base.SendOutboxAsync();
        SendNotices();
    }

    /// <summary>
    /// Hands the notices to their incidents without waiting in this grain's turn: an incident may
    /// at this moment be waiting on this customer (to link itself or deliver its recovery), and
    /// waiting on it in return would lock both. Only what was taken leaves the list (persisted
    /// with the next write); what a crash or a failure leaves is sent again on activation.
    /// </summary>
    private void SendNotices()
    {
        if (_sendingNotices || Incidents.Notices.Count == 0)
        {
            return;
        }

        _sendingNotices = true;
        _ = SendNoticesAsync();
    }

    private async Task SendNoticesAsync()
    {
        try
        {
            var batch = Incidents.Notices.ToList();
            await Task.WhenAll(batch.GroupBy(n => n.IncidentId).Select(g =>
                GrainFactory.GetGrain<IIncidentGrain>(g.Key).NoticeAsync([.. g.Select(n => n.Notice)])));
            Incidents.Notices.RemoveAll(batch.Contains);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Customer {CustomerId} could not notify its incidents; it will try again", this.GetPrimaryKeyString());
        }
        finally
        {
            _sendingNotices = false;
        }
    }

    // Items redeemed (not cancelled) per experience category.
    private Dictionary<ExperienceCategory, int> RedeemedByExperience() => State.Redemptions.Values
        .Where(r => r.Status != RedemptionStatus.Cancelled)
        .Select(r => (Experience: ExperienceOf(r.Category), r.Quantity))
        .Where(r => r.Experience is not null)
        .GroupBy(r => r.Experience!.Value)
        .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));

    // The catalog's categories that are experiences (the others: accessories, service, cash).
    private static ExperienceCategory? ExperienceOf(RewardCategory? category) => category switch
    {
        RewardCategory.Dining => ExperienceCategory.Dining,
        RewardCategory.Wellness => ExperienceCategory.Wellness,
        RewardCategory.Adventure => ExperienceCategory.Adventure,
        RewardCategory.Lifestyle => ExperienceCategory.Lifestyle,
        _ => null,
    };
}
