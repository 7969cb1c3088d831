namespace Pitstop.Ingestion.Traffic;

/// <summary>The values the generators draw payload fields from (events.md enumerations and realistic free text).</summary>
public static class Vocabulary
{
    public static readonly string[] DefectKinds = ["paint", "electrical", "mechanical", "trim", "other"];

    public static readonly string[] DefectNotes =
    [
        "paint overspray on bumper", "infotainment reboots", "AC not cooling after service", "door trim rattles",
        "coolant leak at hose clamp", "check engine light back on", "wiper motor noisy", "scratch on tailgate",
    ];

    public static readonly string[] ComplaintCategories = ["communication", "delay", "quality", "billing", "behaviour", "parts"];

    public static readonly string[] ComplaintChannels = ["call-centre", "email", "whatsapp", "walk-in", "social"];

    public static readonly string[] ResolutionNotes =
    [
        "part replaced, loaner provided", "rework done free of charge", "invoice corrected and refund issued",
        "apology call by workshop manager", "paint redone, customer satisfied", "software updated by OEM tool",
    ];

    public static readonly (string Product, int Min, int Max, int Weight)[] UpsellProducts =
    [
        ("amc", 8_000, 25_000, 20), ("extended_warranty", 15_000, 60_000, 18), ("ceramic_coating", 12_000, 45_000, 10),
        ("detailing", 2_500, 9_000, 16), ("tyre_care", 3_000, 12_000, 12), ("battery_care", 1_500, 6_000, 10),
        ("insurance_renewal", 12_000, 55_000, 14),
    ];
}
