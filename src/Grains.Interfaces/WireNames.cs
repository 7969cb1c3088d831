using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pitstop.Grains.Interfaces;

/// <summary>
/// The wire spelling of an enum value: its <see cref="JsonStringEnumMemberNameAttribute"/> (the
/// contract's vocabularies name every member), else its name in kebab case, as the API's JSON
/// writes it. Intake, responses, notifications and ids all spell values through here, so input and
/// output never disagree.
/// </summary>
public static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    /// <summary>Every value of <typeparamref name="T"/> with its spelling, in declaration order.</summary>
    public static IReadOnlyList<(string Name, T Value)> All<T>() where T : struct, Enum => Names<T>.InOrder;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<(string Name, T Value)> InOrder =
            [.. Enum.GetValues<T>().Select(value => (Spell(value), value))];

        public static readonly FrozenDictionary<T, string> ByValue = InOrder.ToFrozenDictionary(e => e.Value, e => e.Name);

        private static string Spell(T value)
        {
            var name = value.ToString();
            return typeof(T).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? JsonNamingPolicy.KebabCaseLower.ConvertName(name);
        }
    }
}
