using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Bijie.Actors.Ledger;

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
