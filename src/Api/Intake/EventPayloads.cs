using System.Text.RegularExpressions;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;
using static Pitstop.Api.Intake.WireVocabularies;

namespace Pitstop.Api.Intake;

/// <summary>The per-type payload rules of events.md, one method per event type.</summary>
internal static partial class EventPayloads
{
    public static EventData VisitOpened(FieldReader d) => new VisitOpened(
        d.Id("jobCardId"), d.Id("customerId"), d.Id("vin"), d.Id("advisorId"),
        d.Ids("technicianIds", required: false), d.PromisedTime("promisedAt"));

    public static EventData VisitCompleted(FieldReader d) => new VisitCompleted(
        d.Id("jobCardId"), d.Id("customerId"), d.Id("vin"),
        d.Choice("vehicleClass", VehicleClasses), d.Choice("visitKind", VisitKinds),
        d.Id("advisorId"), d.Ids("technicianIds", required: false),
        d.PromisedTime("promisedAt"), d.Time("deliveredAt"),
        d.Bool("firstTimeFix"), d.Bool("repeatRepair"), d.Bool("jobCardAccurate"),
        d.Money("invoiceAmount"));

    public static EventData QualityDefectReported(FieldReader d) => new QualityDefectReported(
        d.Id("jobCardId"), d.Id("customerId"), d.Choice("defect", Defects),
        d.OptionalText("description"), d.Ids("technicianIds", required: false));

    public static EventData ComplaintLogged(FieldReader d) => new ComplaintLogged(
        d.Id("complaintId"), d.Id("customerId"), d.OptionalId("jobCardId"),
        d.Choice("severity", Severities), d.OptionalText("category"), d.OptionalText("channel"));

    public static EventData IncidentResolved(FieldReader d)
    {
        var incidentId = d.Text("incidentId");
        if (incidentId.Length > 0 && !IdRules.IsIncidentId(incidentId))
        {
            d.Error("incidentId", IdRules.IncidentIdMessage);
        }

        return new IncidentResolved(incidentId, d.Time("resolvedAt"), d.OptionalText("note"));
    }

    public static EventData CsatSubmitted(FieldReader d) => new CsatSubmitted(
        d.Id("surveyId"), d.Id("jobCardId"), d.Id("customerId"), d.OptionalId("advisorId"),
        d.Ids("technicianIds", required: false), d.Int("score", 1, 5), d.OptionalBool("verified", false));

    public static EventData NpsSubmitted(FieldReader d) => new NpsSubmitted(
        d.Id("surveyId"), d.Id("customerId"), d.OptionalId("jobCardId"), d.OptionalId("advisorId"), d.Int("score", 0, 10));

    public static EventData AccessorySold(FieldReader d) => new AccessorySold(
        d.Id("orderId"), d.Id("customerId"), d.OptionalId("advisorId"), d.Money("amount"));

    public static EventData UpsellSold(FieldReader d) => new UpsellSold(
        d.Id("orderId"), d.Id("customerId"), d.Id("advisorId"), d.Choice("product", UpsellProducts), d.Money("amount"));

    public static EventData ContractSigned(FieldReader d) => new ContractSigned(
        d.Id("contractId"), d.Id("customerId"), d.Id("vin"),
        d.Choice("vehicleClass", VehicleClasses), d.Choice("ownership", Ownerships), d.Choice("kind", ContractKinds));

    public static EventData ReferralConverted(FieldReader d)
    {
        var referral = new ReferralConverted(
            d.Id("referralCode"), d.Id("referrerCustomerId"), d.Id("refereeCustomerId"), d.Id("contractId"));
        if (referral.RefereeCustomerId.Length > 0 && referral.RefereeCustomerId == referral.ReferrerCustomerId)
        {
            d.Error("refereeCustomerId", "a customer cannot refer themselves");
        }

        // A missing or malformed code or referrer is reported already; checking one against the other would only repeat it.
        if (IdRules.IsId(referral.ReferralCode) && IdRules.IsId(referral.ReferrerCustomerId)
            && !ReferralCodes.IsCodeOf(referral.ReferralCode, referral.ReferrerCustomerId))
        {
            d.Error("referralCode", "is not the referral code the engine issued to referrerCustomerId (GET /api/v1/customers/{id}/referral-code)");
        }

        return referral;
    }

    public static EventData SupportCaseClosed(FieldReader d)
    {
        var closed = new SupportCaseClosed(
            d.Id("caseId"), d.Id("agentId"), d.OptionalId("customerId"),
            d.Time("openedAt"), d.Time("firstResponseAt"), d.Time("closedAt"),
            d.Int("slaHours", 1, 24 * 90), d.Bool("notesComplete"));
        if (closed.FirstResponseAt < closed.OpenedAt)
        {
            d.Error("firstResponseAt", "must not be before openedAt");
        }

        if (closed.ClosedAt < closed.OpenedAt)
        {
            d.Error("closedAt", "must not be before openedAt");
        }

        return closed;
    }

    public static EventData TransactionReversed(FieldReader d) => new TransactionReversed(
        d.Source("originalSource"), d.Id("originalId"), d.Text("reason"));
}
