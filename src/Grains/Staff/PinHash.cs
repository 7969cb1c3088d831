using System.Security.Cryptography;
using System.Text;

namespace Pitstop.Grains.Staff;

/// <summary>
/// A PIN as stored: PBKDF2 (HMAC-SHA256, the platform's) over the PIN with a random salt of its
/// own, and the iteration count it was made with, so that the count can be raised for new PINs
/// without making the old ones unreadable.
/// </summary>
[GenerateSerializer, Immutable, Alias("pitstop.PinHash")]
public sealed record PinHash([property: Id(0)] byte[] Salt, [property: Id(1)] byte[] Hash, [property: Id(2)] int Iterations)
{
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static PinHash Create(string pin, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PinHash(salt, Derive(pin, salt, iterations), iterations);
    }

    /// <summary>Whether <paramref name="pin"/> is the PIN this was made from; compared in constant time.</summary>
    public bool Matches(string pin) => CryptographicOperations.FixedTimeEquals(Derive(pin, Salt, Iterations), Hash);

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
