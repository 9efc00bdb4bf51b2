using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Bijie.Actors.Ledger;

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
