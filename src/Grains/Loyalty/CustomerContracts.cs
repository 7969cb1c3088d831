using Pitstop.Grains.Interfaces.Intake;
using Pitstop.Grains.Interfaces.Loyalty;

namespace Pitstop.Grains.Loyalty;

/// <summary>
/// A customer's vehicles under contract. The contract system sends no "contract ended" event, so a
/// vehicle's contract is the latest one signed for its VIN: a lease turned into a purchase is one
/// vehicle, still active, with the class of the newest contract (docs/decisions.md, loyalty).
/// </summary>
[GenerateSerializer, Alias("pitstop.CustomerContracts")]
public sealed class CustomerContracts
{
    /// <summary>The latest contract per VIN.</summary>
    [Id(0)] public Dictionary<string, ContractHeld> ByVin { get; set; } = [];

    /// <summary>
    /// When the customer's first contract was signed, for the long-term-loyalty bonus: the earliest
    /// contract event seen, or the date a migration brought from the brand's earlier system.
    /// </summary>
    [Id(1)] public DateTimeOffset? FirstSignedAt { get; set; }

    /// <summary>Records a first contract older than any seen (migration); false when nothing changed.</summary>
    public bool NoteFirstContract(DateTimeOffset signedAt)
    {
        if (FirstSignedAt is { } first && first <= signedAt)
        {
            return false;
        }

        FirstSignedAt = signedAt;
        return true;
    }

    /// <summary>
    /// Every contract applied, superseded or not, by the transfer id of its event's award: a
    /// reversal names that id, and reversing the newest contract of a vehicle puts the one before
    /// it back in force. Contracts applied before this was kept (2026-12) are not listed here, so
    /// their reversal leaves them in force.
    /// </summary>
    [Id(2)] public Dictionary<string, ContractHeld> ByTransfer { get; set; } = [];

    /// <summary>Records a signed contract; a contract older than the one held for its VIN changes only the first-contract date.</summary>
    public void Sign(ContractSigned contract, DateTimeOffset signedAt, string transferId)
    {
        NoteFirstContract(signedAt);
        var signed = new ContractHeld(contract.ContractId, contract.Vin, contract.VehicleClass, contract.Ownership, contract.Kind, signedAt);
        ByTransfer[transferId] = signed;
        if (ByVin.TryGetValue(contract.Vin, out var held) && held.SignedAt > signedAt)
        {
            return;
        }

        ByVin[contract.Vin] = signed;
    }

    /// <summary>
    /// Takes back the contract whose event's award <paramref name="transferId"/> was reversed: it
    /// no longer counts, and its vehicle is held by the latest other contract signed for it, if
    /// any. False when no contract is known by that id (the award was not a contract's). The first
    /// contract's date stays: it may come from a migration, which no event can undo.
    /// </summary>
    public bool Reverse(string transferId)
    {
        if (!ByTransfer.Remove(transferId, out var reversed))
        {
            return false;
        }

        if (ByVin.TryGetValue(reversed.Vin, out var held) && held == reversed)
        {
            var before = ByTransfer.Values.Where(c => c.Vin == reversed.Vin).MaxBy(c => c.SignedAt);
            if (before is null)
            {
                ByVin.Remove(reversed.Vin);
            }
            else
            {
                ByVin[reversed.Vin] = before;
            }
        }

        return true;
    }

    /// <summary>The best vehicle class among active contracts; null without any.</summary>
    public VehicleClass? BestClass => ByVin.Count == 0 ? null : ByVin.Values.Max(c => c.VehicleClass);
}

/// <summary>The contract in force for one vehicle.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.ContractHeld")]
public sealed record ContractHeld(
    [property: Id(0)] string ContractId,
    [property: Id(1)] string Vin,
    [property: Id(2)] VehicleClass VehicleClass,
    [property: Id(3)] Ownership Ownership,
    [property: Id(4)] ContractKind Kind,
    [property: Id(5)] DateTimeOffset SignedAt)
{
    public ContractView ToView() => new(ContractId, Vin, VehicleClass, Ownership, Kind, SignedAt);
}
