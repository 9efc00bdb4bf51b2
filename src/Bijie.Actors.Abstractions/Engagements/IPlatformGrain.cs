namespace Bijie.Actors.Abstractions;

/// <summary>A platform (key: its id), registered by the office.</summary>
[Alias("Bijie.Actors.IPlatformGrain")]
public interface IPlatformGrain : IGrainWithStringKey, IChangeTracked
{
    [Alias("Register")]
    Task<PlatformInfo> RegisterAsync(RegisterPlatform platform, ActorRef actor);

    [Alias("Get")]
    Task<PlatformInfo> GetAsync();
}
