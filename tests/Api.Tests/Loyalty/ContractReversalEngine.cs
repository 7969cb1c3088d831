namespace Pitstop.Api.Tests.Loyalty;

/// <summary>
/// An engine of the contract reversal tests' own: they move program time to the review, and a
/// reversal takes back only what the customer still holds among the events of the last 400 days,
/// so they need a clock that other tests have not moved years past the events' real times.
/// </summary>
public sealed class ContractReversalEngine : TimeTravelEngine
{
}

[CollectionDefinition(Name)]
public sealed class ContractReversalCollection : ICollectionFixture<ContractReversalEngine>
{
    public const string Name = "contract reversal engine";
}
