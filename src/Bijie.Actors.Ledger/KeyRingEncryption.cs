using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

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

/// <summary>Encrypts each data-protection key element with AES-256-GCM under the <see cref="KeyEncryptionKey"/>.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal static readonly XNamespace Namespace = "urn:bijie-actors:data-protection";
    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("bijie-actors data-protection key");
    internal const int NonceBytes = 12;
    internal const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var box = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = box.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, box.AsSpan(NonceBytes + TagBytes), box.AsSpan(NonceBytes, TagBytes), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(Namespace + "encryptedKey",
            new XAttribute("kek", key.Id),
            new XComment(" AES-256-GCM under Bijie:DataProtection:KeyEncryptionKey: nonce, tag, ciphertext "),
            new XElement(Namespace + "value", Convert.ToBase64String(box)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote; made by the key manager with the host's services.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetService<KeyEncryptionKey>()
            ?? throw new CryptographicException("The key ring is encrypted, and Bijie:DataProtection:KeyEncryptionKey is not configured.");
        var kek = (string?)encryptedElement.Attribute("kek");
        if (kek != key.Id)
        {
            throw new CryptographicException($"This data-protection key was encrypted under key encryption key {kek}; the configured one is {key.Id}.");
        }

        var box = Convert.FromBase64String((string?)encryptedElement.Element(AesGcmXmlEncryptor.Namespace + "value") ?? "");
        if (box.Length < AesGcmXmlEncryptor.NonceBytes + AesGcmXmlEncryptor.TagBytes)
        {
            throw new CryptographicException("The encrypted data-protection key is truncated.");
        }

        var plaintext = new byte[box.Length - AesGcmXmlEncryptor.NonceBytes - AesGcmXmlEncryptor.TagBytes];
        using (var aes = new AesGcm(key.Bytes, AesGcmXmlEncryptor.TagBytes))
        {
            aes.Decrypt(box.AsSpan(0, AesGcmXmlEncryptor.NonceBytes), box.AsSpan(AesGcmXmlEncryptor.NonceBytes + AesGcmXmlEncryptor.TagBytes),
                box.AsSpan(AesGcmXmlEncryptor.NonceBytes, AesGcmXmlEncryptor.TagBytes), plaintext, AesGcmXmlEncryptor.AssociatedData);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

public static class KeyRingEncryptionExtensions
{
    /// <summary>Key ring elements are written encrypted under <paramref name="key"/>, and read back with it.</summary>
    public static IDataProtectionBuilder ProtectKeysWithAesGcm(this IDataProtectionBuilder builder, KeyEncryptionKey key)
    {
        builder.Services.AddSingleton(key);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(key));
        return builder;
    }
}
