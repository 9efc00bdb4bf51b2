using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>
/// How deliveries are signed: <c>X-Bijie-Signature: sha256=</c> the hex HMAC-SHA256, keyed with the subscription's
/// secret, of <c>"{X-Bijie-Timestamp}.{body}"</c>. The timestamp (Unix seconds) is taken at each attempt, so a
/// receiver refuses any delivery older than its replay window, and ignores a delivery id it has already taken.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The replay window receivers are told to use (README).</summary>
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromMinutes(5);

    /// <summary>The hex of HMAC-SHA256 over "{timestamp}.{body}" with the secret.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>What a receiver checks: the signature (in constant time) and that the timestamp is within the window of now.</summary>
    public static bool Verify(string secret, string timestamp, string body, string signatureHeader, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > window
            || !signatureHeader.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader["sha256=".Length..]));
    }
}
