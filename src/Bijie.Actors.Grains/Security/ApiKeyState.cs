using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Security;

[GenerateSerializer, Alias("Bijie.Actors.ApiKeyState")]
public sealed class ApiKeyState : Changes.IChangeVersioned
{
    [Id(0)] public ApiKeyInfo? Info { get; set; }
    [Id(1)] public byte[]? SecretHash { get; set; }
    [Id(2)] public string? RevokedBy { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(3)] public int ChangeVersion { get; set; }
}
