namespace Pitstop.Api.Tests.Workshop;

/// <summary>
/// A time-travel engine of its own for the job-card SLA watch: its tests move program time by
/// hours while the other engines' tests run.
/// </summary>
public sealed class WorkshopEngine : TimeTravelEngine
{
}

[CollectionDefinition(Name)]
public sealed class WorkshopCollection : ICollectionFixture<WorkshopEngine>
{
    public const string Name = "workshop engine";
}
