using System.Net;
using System.Net.Http.Headers;

namespace Bijie.Actors.IntegrationTests;

/// <summary>A key that sends faster than it may gets 429 with Retry-After; another key is not held back by it.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_Retry_After()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");
        var serviceId = $"rl{Guid.NewGuid():N}";
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:AdminKeyFile"] = keyFile,
            ["Bijie:Api:RequestsPerSecondPerKey"] = "5",
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
        });
        await host.WaitReadyAsync();
        using var admin = new HttpClient { BaseAddress = host.Http.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(keyFile)).Trim());
        File.Delete(keyFile);

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
