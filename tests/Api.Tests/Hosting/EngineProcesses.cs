namespace Pitstop.Api.Tests.Hosting;

/// <summary>
/// The tests that start the API as a process (or publish it) run one at a time: each brings up a
/// whole engine, and two at once on a two-core machine only slow each other down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineProcesses
{
    public const string Name = "engine processes";
}
