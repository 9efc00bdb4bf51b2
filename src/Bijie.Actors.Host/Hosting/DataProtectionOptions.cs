namespace Bijie.Actors.Host.Hosting;

/// <summary>Options of the data-protection keys (configuration section <c>Bijie:DataProtection</c>).</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "Bijie:DataProtection";

    /// <summary>32 random bytes in base64 that encrypt the keys at rest; kept apart from the database.</summary>
    public string? KeyEncryptionKey { get; set; }
}
