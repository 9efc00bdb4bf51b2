using System.Security.Cryptography;
using System.Text;

namespace Bijie.Actors.Abstractions;

/// <summary>API key tokens: <c>bjk_{id}_{secret}</c>. The id is public (it names the key); only the secret's hash is stored.</summary>
public static class ApiKeyTokens
{
    private const string Prefix = "bjk_";

    /// <summary>A key's public id: 8 random bytes as 16 lower-case hex digits.</summary>
    private const int IdBytes = 8;

    public static (string Id, string Secret, string Token) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string? token, out string id, out string secret)
    {
        id = secret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var cut = rest.IndexOf('_');
        if (cut != IdBytes * 2 || rest.Length - cut - 1 < 40)
        {
            return false;
        }

        id = rest[..cut].ToString();
        secret = rest[(cut + 1)..].ToString();
        return id.All(char.IsAsciiHexDigitLower);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
