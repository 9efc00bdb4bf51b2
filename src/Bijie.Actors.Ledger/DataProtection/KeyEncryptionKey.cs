using System.Security.Cryptography;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring at rest (configuration
/// <c>Bijie:DataProtection:KeyEncryptionKey</c>, base64), so that the database and its backups alone cannot forge a
/// sign-in cookie. It lives where the connection strings do (a Kubernetes Secret; <c>.local/</c> for the scripts).
/// </summary>
public sealed class KeyEncryptionKey
{
    private KeyEncryptionKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    internal byte[] Bytes { get; }

    /// <summary>Names the key (not secret: a hash prefix), so a ring encrypted under another key says so.</summary>
    public string Id { get; }

    public static KeyEncryptionKey Parse(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Bijie:DataProtection:KeyEncryptionKey is not base64.");
        }

        return bytes.Length == 32
            ? new KeyEncryptionKey(bytes)
            : throw new InvalidOperationException($"Bijie:DataProtection:KeyEncryptionKey must be 32 bytes (base64 of 256 random bits), not {bytes.Length}.");
    }

    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
