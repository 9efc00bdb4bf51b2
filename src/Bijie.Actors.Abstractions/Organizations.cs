using System.Text.RegularExpressions;

namespace Bijie.Actors.Abstractions;

/// <summary>Unified social credit codes (统一社会信用代码), GB 32100-2015.</summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character (the 18th) for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Null when the code is valid; else why not, in words a person can act on.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "A unified social credit code is required.";
        }

        if (code.Length != 18)
        {
            return $"A unified social credit code has 18 characters; '{code}' has {code.Length}.";
        }

        var bad = code.FirstOrDefault(c => !Alphabet.Contains(c));
        if (bad != default)
        {
            return $"'{bad}' cannot appear in a unified social credit code (digits and upper-case letters without I, O, S, V, Z).";
        }

        if (code[0] == '0' || code[1] == '0')
        {
            // GB 32100: the first character names the registering authority (9 for market regulation), the second the
            // kind of organisation (1 for an enterprise); neither is ever 0, and "000000000000000000" passes the checksum.
            return "The first two characters of a unified social credit code name the registering authority and the kind of organisation; neither is 0.";
        }

        if (!code.AsSpan(2, 6).ContainsOnlyDigits())
        {
            return "Characters 3 to 8 of a unified social credit code are the registering authority's division code (6 digits).";
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"The check character of '{code}' should be '{expected}', not '{code[17]}'.";
    }

    /// <summary>Whether the code is a valid unified social credit code.</summary>
    public static bool IsValid(string? code) => Problem(code) is null;

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Ids of helper organisations: lower-case slugs (nongong-central, wchscu).</summary>
public static partial class HelperIds
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}

/// <summary>Kinds of helper organisation (帮扶单位) and of the local institutions they pair with.</summary>
public enum HelperKind
{
    /// <summary>A party's national committee (民主党派中央), e.g. 农工党中央.</summary>
    PartyCentralCommittee = 0,

    /// <summary>A party's provincial committee, e.g. 民盟贵州省委会.</summary>
    PartyProvincialCommittee = 1,

    /// <summary>A federation of industry and commerce (全国工商联, 省工商联).</summary>
    FederationOfIndustryAndCommerce = 2,

    /// <summary>中华职业教育社.</summary>
    VocationalEducationSociety = 3,

    /// <summary>An institution that helps: a hospital, university or school.</summary>
    Institution = 4,

    /// <summary>A unit organised by a party or federation to pair with a township.</summary>
    Unit = 5,

    /// <summary>An institution in Bijie that is helped (大方县人民医院).</summary>
    LocalInstitution = 6,
}

/// <summary>A helper organisation or local institution.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HelperProfile")]
public sealed record HelperProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string? NameEn,
    [property: Id(3)] HelperKind Kind,
    [property: Id(4)] string? LocalityCode,
    [property: Id(5)] IReadOnlyList<Track> Strengths);

/// <summary>A private enterprise (民营企业), keyed by its unified social credit code.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.EnterpriseProfile")]
public sealed record EnterpriseProfile(
    [property: Id(0)] string CreditCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Industry,
    [property: Id(3)] string? Province);

/// <summary>A helper organisation, keyed by its id.</summary>
[Alias("Bijie.Actors.IHelperGrain")]
public interface IHelperGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the organisation.</summary>
    [Alias("Register")]
    Task<HelperProfile> RegisterAsync(HelperProfile profile, ActorRef actor);

    /// <summary>The organisation; NotFound when it was never registered.</summary>
    [Alias("Get")]
    Task<HelperProfile> GetAsync();

    /// <summary>Whether it is registered.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>The organisation's active pairings.</summary>
    [Alias("GetActivePairings")]
    Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync();
}

/// <summary>A private enterprise, keyed by its unified social credit code (check character verified).</summary>
[Alias("Bijie.Actors.IEnterpriseGrain")]
public interface IEnterpriseGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<EnterpriseProfile> RegisterAsync(EnterpriseProfile profile, ActorRef actor);

    [Alias("Get")]
    Task<EnterpriseProfile> GetAsync();

    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>The enterprise's active pairings (an enterprise lists its villages).</summary>
    [Alias("GetActivePairings")]
    Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync();
}

/// <summary>Roles of the people and programs that act on the programme.</summary>
public enum ActorRole
{
    Viewer = 0,
    Helper = 1,
    Enterprise = 2,
    Office = 3,
    Admin = 4,
    /// <summary>The system itself (demo loader, start-up work).</summary>
    System = 5,

    /// <summary>A county's, township's or village's office (its division code is the organisation): posts needs there.</summary>
    Locality = 6,
}

/// <summary>Who acts: an id (staff id, key id), a role, and the organisation a helper or enterprise acts for.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ActorRef")]
public sealed record ActorRef(
    [property: Id(0)] string Id,
    [property: Id(1)] ActorRole Role,
    [property: Id(2)] string? OrganizationId = null)
{
    public static ActorRef System { get; } = new("system", ActorRole.System);

    public bool ManagesEverything => Role is ActorRole.Office or ActorRole.Admin or ActorRole.System;
}

/// <summary>A person of the programme office's staff directory.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.StaffMember")]
public sealed record StaffMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role);

/// <summary>Reference data every silo holds: the staff directory.</summary>
[Alias("Bijie.Actors.IReferenceGrain")]
public interface IReferenceGrain : IGrainWithIntegerKey
{
    [Alias("GetStaff")]
    Task<IReadOnlyList<StaffMember>> GetStaffAsync();
}

/// <summary>
/// One shard of a registry: the ids of registered helper organisations, enterprises, API keys, expert teams or
/// platforms, for listings. Reach it through <see cref="Registries"/>, which picks the shard.
/// </summary>
[Alias("Bijie.Actors.IRegistryGrain")]
public interface IRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string id);

    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Adds an id with the tags listings filter on (a kind, a track, a helper, a place); the tags replace any it had.</summary>
    [Alias("AddTagged")]
    Task AddAsync(string id, IReadOnlyList<string> tags);

    /// <summary>The ids that carry every tag asked for, and those registered before tags were kept (the caller checks them itself).</summary>
    [Alias("Find")]
    Task<RegistryMatches> FindAsync(IReadOnlyList<string> tags);
}

/// <summary>The ids of a registry shard that match some tags, and those it holds no tags for.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegistryMatches")]
public sealed record RegistryMatches([property: Id(0)] IReadOnlyList<string> Ids, [property: Id(1)] IReadOnlyList<string> Untagged);

/// <summary>
/// The registries and their shards. A registry that can grow to the national programme's size (127,000
/// enterprises, a key each) is spread over shards keyed "{registry}/{shard}", so that no grain's state grows past
/// what one storage row holds (Azure Table storage: 1 MB) or what one write should copy; the small ones keep one
/// grain keyed by the registry's name. Shard counts never change once data is stored under them.
/// </summary>
public static class Registries
{
    public const string Helpers = "helpers";
    public const string Enterprises = "enterprises";
    public const string ApiKeys = "api-keys";
    public const string ExpertTeams = "expert-teams";
    public const string Platforms = "platforms";

    /// <summary>How many shards a registry has.</summary>
    public static int ShardsOf(string registry) => registry switch
    {
        Enterprises => 64,
        ApiKeys => 16,
        _ => 1,
    };

    /// <summary>The key of the shard that holds <paramref name="id"/>.</summary>
    public static string ShardKey(string registry, string id)
    {
        var shards = ShardsOf(registry);
        return shards == 1 ? registry : $"{registry}/{StableHash(id) % (uint)shards:00}";
    }

    public static Task AddAsync(IGrainFactory grains, string registry, string id) =>
        grains.GetGrain<IRegistryGrain>(ShardKey(registry, id)).AddAsync(id);

    public static Task AddAsync(IGrainFactory grains, string registry, string id, IReadOnlyList<string> tags) =>
        grains.GetGrain<IRegistryGrain>(ShardKey(registry, id)).AddAsync(id, tags);

    /// <summary>The tag of a place and of every division above it, so that "in this place and below" is one tag.</summary>
    public static IEnumerable<string> PlaceTags(string code) =>
        new[] { 4, 6, 9, 12 }.Where(n => n <= code.Length).Select(n => $"place:{code[..n]}");

    /// <summary>
    /// The ids of a small (single-grain) registry that carry every tag, ordered, without loading a record; ids
    /// registered before tags were kept are loaded and checked by <paramref name="check"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IGrainFactory grains, string registry, IReadOnlyList<string> tags, Func<string, Task<bool>> check)
    {
        if (ShardsOf(registry) != 1)
        {
            throw new ArgumentException($"Registry '{registry}' is sharded: list it through its roll-ups.", nameof(registry));
        }

        var found = await grains.GetGrain<IRegistryGrain>(registry).FindAsync(tags);
        var untagged = await Task.WhenAll(found.Untagged.Select(async id => (Id: id, Match: await check(id))));
        return found.Ids.Concat(untagged.Where(u => u.Match).Select(u => u.Id)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every id of the registry, ordered; a sharded registry also reads the one grain it had before it was sharded.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IGrainFactory grains, string registry)
    {
        var shards = ShardsOf(registry);
        var keys = shards == 1 ? [registry] : Enumerable.Range(0, shards).Select(i => $"{registry}/{i:00}").Append(registry);
        var lists = await Task.WhenAll(keys.Select(k => grains.GetGrain<IRegistryGrain>(k).ListAsync()));
        return lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: the same on every silo and every run, unlike string.GetHashCode.</summary>
    public static uint StableHash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
