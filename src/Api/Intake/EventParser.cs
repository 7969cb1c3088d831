using System.Collections.Frozen;
using System.Text.Json;
using Pitstop.Api.Validation;
using Pitstop.Grains.Interfaces.Intake;

namespace Pitstop.Api.Intake;

/// <summary>
/// Turns one JSON event into a <see cref="DmsEvent"/> or the list of what is wrong with it: the
/// envelope and per-type rules of events.md. Registration of the dealership is checked later, for
/// the whole batch at once.
/// </summary>
public sealed class EventParser(TimeProvider clock)
{
    private static readonly FrozenDictionary<string, Func<FieldReader, EventData>> Payloads =
        new Dictionary<string, Func<FieldReader, EventData>>
        {
            [EventTypes.VisitOpened] = EventPayloads.VisitOpened,
            [EventTypes.VisitCompleted] = EventPayloads.VisitCompleted,
            [EventTypes.QualityDefectReported] = EventPayloads.QualityDefectReported,
            [EventTypes.ComplaintLogged] = EventPayloads.ComplaintLogged,
            [EventTypes.IncidentResolved] = EventPayloads.IncidentResolved,
            [EventTypes.CsatSubmitted] = EventPayloads.CsatSubmitted,
            [EventTypes.NpsSubmitted] = EventPayloads.NpsSubmitted,
            [EventTypes.AccessorySold] = EventPayloads.AccessorySold,
            [EventTypes.UpsellSold] = EventPayloads.UpsellSold,
            [EventTypes.ContractSigned] = EventPayloads.ContractSigned,
            [EventTypes.ReferralConverted] = EventPayloads.ReferralConverted,
            [EventTypes.SupportCaseClosed] = EventPayloads.SupportCaseClosed,
            [EventTypes.TransactionReversed] = EventPayloads.TransactionReversed,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> KnownTypes => Payloads.Keys;

    public ParsedEvent Parse(JsonElement element)
    {
        var errors = new FieldErrors();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("event", "must be a JSON object");
            return new ParsedEvent(null, null, errors);
        }

        // Every time of the event, occurredAt and the payload's alike, is read against one clock reading.
        var now = clock.GetUtcNow();
        var envelope = new FieldReader(element, "", errors, now);
        var id = envelope.Id("id");
        var source = envelope.Source("source");
        var type = envelope.Text("type");
        var occurredAt = envelope.Time("occurredAt");
        var dealershipId = envelope.Id("dealershipId");

        var data = ParseData(element, type, errors, now);
        var reportedId = IdRules.IsId(id) ? id : null;
        return errors.IsEmpty && data is not null
            ? new ParsedEvent(new DmsEvent(source, id, occurredAt, dealershipId, data), reportedId, errors)
            : new ParsedEvent(null, reportedId, errors);
    }

    private static EventData? ParseData(JsonElement element, string type, FieldErrors errors, DateTimeOffset now)
    {
        if (!Payloads.TryGetValue(type, out var parse))
        {
            if (type.Length > 0)
            {
                errors.Add("type", $"unknown event type; one of {string.Join(", ", Payloads.Keys.Order(StringComparer.Ordinal))}");
            }

            return null;
        }

        if (!element.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add("data", "must be a JSON object");
            return null;
        }

        return parse(new FieldReader(data, "data", errors, now));
    }

}

/// <summary>The outcome of parsing one event: the event, or the errors (and the id, when it was readable).</summary>
public sealed record ParsedEvent(DmsEvent? Event, string? Id, FieldErrors Errors);
