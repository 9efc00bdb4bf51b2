using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Bijie.Actors.Ledger;

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
