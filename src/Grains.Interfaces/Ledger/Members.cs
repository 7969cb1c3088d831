namespace Pitstop.Grains.Interfaces.Ledger;

/// <summary>The two kinds of member that hold a wallet.</summary>
public enum MemberKind
{
    Customer,
    Staff,
}

/// <summary>A member wallet: which kind, which id.</summary>
[GenerateSerializer, Immutable, Alias("pitstop.MemberRef")]
public readonly record struct MemberRef([property: Id(0)] MemberKind Kind, [property: Id(1)] string Id)
{
    public override string ToString() => $"{(Kind == MemberKind.Customer ? "customer" : "staff")}:{Id}";
}

/// <summary>
/// A grain that holds a member wallet. A budget calls it when it funds an award that was pending;
/// the call is repeated until it succeeds, so it must be idempotent.
/// </summary>
[Alias("pitstop.IWalletHolder")]
public interface IWalletHolder : IGrainWithStringKey
{
    [Alias("funded")]
    Task AwardsFundedAsync(IReadOnlyList<string> transferIds);
}
