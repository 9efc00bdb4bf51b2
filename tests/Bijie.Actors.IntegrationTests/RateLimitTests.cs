using System.Net;

namespace Bijie.Actors.IntegrationTests;

/// <summary>A key that sends faster than it may gets 429 with Retry-After; another key is not held back by it.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_Retry_After()
    {
        var (started, admin) = await HostProcess.StartWithAdminAsync("rl", new Dictionary<string, string> { ["Bijie:Api:RequestsPerSecondPerKey"] = "5" });
        await using var host = started;
        using var _ = admin;

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add(await admin.GetAsync("/api/v1/staff"));
        }

        var limited = statuses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode); // pages are not limited
    }
}
