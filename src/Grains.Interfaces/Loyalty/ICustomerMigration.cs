using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pitstop.Grains.Interfaces.Recovery;

namespace Pitstop.Grains.Interfaces.Loyalty;

/// <summary>
/// A customer brought over from the brand's earlier system (<c>POST /api/v1/import/...</c>): the
/// customer grain, seen from the importer. Every call is idempotent, so uploading a file again
/// repeats nothing.
/// </summary>
[Alias("pitstop.ICustomerMigration")]
public interface ICustomerMigration : IGrainWithStringKey
{
    /// <summary>
    /// Takes the customer's record from the earlier system: false when this very record was taken
    /// before (nothing changes), true when it was new or changed and is now persisted.
    /// </summary>
    [Alias("import")]
    Task<bool> ImportAsync(CustomerRecord record);

    /// <summary>Whether the customer exists, their home dealership and the opening balance they received, if any.</summary>
    [ReadOnly, Alias("migration-status")]
    Task<MigrationStatus> MigrationStatusAsync();

    /// <summary>
    /// Credits the opening balance whose points the brand pool has already moved to this wallet
    /// (transfer <see cref="OpeningTransfer.TransferIdOf"/>): true when credited now, false when it
    /// was credited before.
    /// </summary>
    [Alias("receive-opening")]
    Task<bool> ReceiveOpeningAsync(OpeningBalance opening);
}

/// <summary>A customer row of the migration: the CRM profile, the home dealership and the first contract's date.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.CustomerRecord")]
public sealed record CustomerRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<ExperienceCategory> Preferences,
    [property: Id(2)] DateOnly? ReviewDate,
    [property: Id(3)] string DealershipId,
    [property: Id(4)] DateTimeOffset? FirstContractAt)
{
    /// <summary>
    /// A 64-bit digest of the record (the first 8 bytes of SHA-256 over its fields), which the
    /// customer keeps to know an upload of the same row again without keeping the row.
    /// </summary>
    public long Digest()
    {
        var text = string.Join(
            '\u001f',
            Name,
            string.Join(';', Preferences),
            ReviewDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            DealershipId,
            FirstContractAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
        return BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>What the importer needs to know of a customer before moving an opening balance to them.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.MigrationStatus")]
public sealed record MigrationStatus(
    [property: Id(0)] bool Exists,
    [property: Id(1)] string? HomeDealershipId,
    [property: Id(2)] long? OpeningPoints);

/// <summary>An opening balance as the wallet receives it: the points form one lot expiring at <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.OpeningBalance")]
public sealed record OpeningBalance(
    [property: Id(0)] long Points,
    [property: Id(1)] DateTimeOffset ExpiresAt);
