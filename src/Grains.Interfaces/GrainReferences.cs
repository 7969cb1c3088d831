namespace Pitstop.Grains.Interfaces;

/// <summary>
/// References to grains without the reflection of <c>GetGrain&lt;T&gt;(key)</c>, which looks up the
/// interface's grain type through its attributes on every call. Every event makes several
/// references (its customer, staff, budget, boards…), and in a profile of a saturated silo that
/// lookup was 2–6 % of its CPU. Here the types of an interface are resolved once per process, by
/// the platform's own <c>GetGrain</c>, and later references are built from them.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey =>
        TypesOf<T>.Resolved is { } types
            ? (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface)
            : TypesOf<T>.Remember(factory.GetGrain<T>(key));

    public static T Reference<T>(this IGrainFactory factory, long key)
        where T : IGrainWithIntegerKey =>
        TypesOf<T>.Resolved is { } types
            ? (T)factory.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface)
            : TypesOf<T>.Remember(factory.GetGrain<T>(key));

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);

    // One per interface. A race resolves the same types twice, harmlessly; the field is a reference, so never read torn.
    private static class TypesOf<T>
        where T : IAddressable
    {
        public static ResolvedTypes? Resolved { get; private set; }

        public static T Remember(T first)
        {
            var reference = (GrainReference)(object)first;
            Resolved = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
            return first;
        }
    }
}
