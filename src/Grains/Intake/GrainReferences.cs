namespace Pitstop.Grains.Intake;

/// <summary>
/// Makes references to grains of one interface from their keys. <c>GetGrain&lt;T&gt;(key)</c>
/// resolves the interface by reflection on every call; the router makes a reference for every
/// customer and staff member of every batch, so the grain and interface types are resolved once.
/// </summary>
internal sealed class GrainReferences<T>(IGrainFactory factory)
    where T : IGrainWithStringKey
{
    private (GrainType Grain, GrainInterfaceType Interface)? _types;

    public T Get(string key)
    {
        if (_types is { } types)
        {
            return (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var first = factory.GetGrain<T>(key);
        var reference = (GrainReference)(object)first;
        _types = (reference.GrainId.Type, reference.InterfaceType);
        return first;
    }
}
