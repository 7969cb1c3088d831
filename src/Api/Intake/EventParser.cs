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

        var envelope = new FieldReader(element, "", errors);
        var id = envelope.Id("id");
        var source = envelope.Source("source");
        var type = envelope.Text("type");
        var occurredAt = envelope.Time("occurredAt");
        var dealershipId = envelope.Id("dealershipId");
        CheckWindow(envelope, occurredAt, errors);

        var data = ParseData(element, type, errors);
        var reportedId = IdRules.IsId(id) ? id : null;
        return errors.IsEmpty && data is not null
            ? new ParsedEvent(new DmsEvent(source, id, occurredAt, dealershipId, data), reportedId, errors)
            : new ParsedEvent(null, reportedId, errors);
    }

    private static EventData? ParseData(JsonElement element, string type, FieldErrors errors)
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

        return parse(new FieldReader(data, "data", errors));
    }

    private void CheckWindow(FieldReader envelope, DateTimeOffset occurredAt, FieldErrors errors)
    {
        // Skip only when occurredAt could not be read: a valid 0001-01-01T00:00:00Z is
        // DateTimeOffset.MinValue too, the placeholder of a failed read, and must meet the window.
        if (errors.Has("occurredAt"))
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (occurredAt > now + IntakeWindow.MaxFuture)
        {
            envelope.Error("occurredAt", "must not be more than 5 minutes in the future");
        }
        else if (occurredAt < now - IntakeWindow.MaxAge)
        {
            envelope.Error("occurredAt", "must not be older than 400 days");
        }
    }
}

/// <summary>The outcome of parsing one event: the event, or the errors (and the id, when it was readable).</summary>
public sealed record ParsedEvent(DmsEvent? Event, string? Id, FieldErrors Errors);
