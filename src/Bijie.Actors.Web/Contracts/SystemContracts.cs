namespace Bijie.Actors.Web.Contracts;

/// <summary>The answer of <c>GET /api/v1/system</c>; <paramref name="Programme"/> (hosts) for the admin only, else null.</summary>
public sealed record SystemInfo(string NameZh, string NameEn, string CodeName, string Version, ProgrammeInfo? Programme);

/// <summary>The product's names.</summary>
public static class Product
{
    public const string NameZh = "毕节组团式帮扶平台";
    public const string NameEn = "Bijie Pairing Assistance";
    public const string CodeName = "Bijie.Actors";

    public static string Version { get; } =
        typeof(Product).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
