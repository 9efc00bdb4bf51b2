using System.Net;
using System.Net.Http.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Client;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The typed client against the real host: reading, reporting, and retries that reuse the idempotency key.</summary>
public sealed class ClientTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    /// <summary>Lets the request reach the server, then loses the answer, as a dropped connection would, a few times.</summary>
    private sealed class LoseAnswers(int times) : DelegatingHandler(new HttpClientHandler())
    {
        private int left = times;

        public List<string?> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Decrement(ref left) >= 0)
            {
                response.Dispose();
                throw new HttpRequestException("the connection dropped before the answer arrived");
            }

            return response;
        }
    }

    private async Task<(string Office, string Pairing, string EnterpriseKey)> SetUpAsync(string village)
    {
        var admin = new BijieClient(new HttpClient { BaseAddress = fixture.Host.Http.BaseAddress }, new BijieClientOptions { ApiKey = fixture.AdminKey });
        using var http = fixture.Client(fixture.AdminKey);
        async Task<string> Key(string role, string? org)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/api-keys", new { owner = role, role, organizationId = org });
            return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
        }

        var code = TestEnvironment.NewCreditCode();
        (await http.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = "客户端测试企业" })).EnsureSuccessStatusCode();
        var pairing = await admin.StartPairingAsync(new NewPairing("EnterpriseVillage", null, code, village, null, null, new DateOnly(2023, 6, 1), "staff-020"));
        return (fixture.AdminKey, pairing.Id, await Key("Enterprise", code));
    }

    [Fact]
    public async Task A_report_whose_answers_are_lost_is_retried_with_the_same_key_and_counted_once()
    {
        var (_, pairingId, key) = await SetUpAsync("520524001003");
        var lossy = new LoseAnswers(times: 2);
        var client = new BijieClient(new HttpClient(lossy) { BaseAddress = fixture.Host.Http.BaseAddress },
            new BijieClientOptions { ApiKey = key, FirstDelay = TimeSpan.FromMilliseconds(50) });

        var receipt = await client.SubmitReportAsync(new NewReport(pairingId, null, new DateOnly(2023, 10, 8),
            new Dictionary<string, decimal> { [Indicators.InvestmentVisits] = 1, [Indicators.InvestmentSignedYuan] = 2_500_000.50m }));

        Assert.True(receipt.Replayed); // the first attempt had committed it
        Assert.Equal(3, lossy.Keys.Count);
        Assert.Single(lossy.Keys.Distinct());
        var report = await client.GetReportAsync(receipt.Id);
        Assert.Equal(2_500_000.50m, report.Values[Indicators.InvestmentSignedYuan]);
        await fixture.Host.PollAsync(async () =>
            (await client.GetBoardAsync("520524001003", 2023)).Indicators[Indicators.InvestmentSignedYuan].Value == 2_500_000.50m,
            TimeSpan.FromSeconds(20), "the village's board to count the report once");
    }

    [Fact]
    public async Task Refusals_arrive_as_problem_details_with_the_field_at_fault()
    {
        var (_, pairingId, key) = await SetUpAsync("520524001004");
        var client = new BijieClient(new HttpClient { BaseAddress = fixture.Host.Http.BaseAddress }, new BijieClientOptions { ApiKey = key });

        var refusal = await Assert.ThrowsAsync<BijieApiException>(() => client.SubmitReportAsync(
            new NewReport(pairingId, null, new DateOnly(2023, 10, 8), new Dictionary<string, decimal> { ["made_up"] = 1 })));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.Status);
        Assert.Equal("indicator.unknown", refusal.Code);
        Assert.True(refusal.Errors.ContainsKey("values.made_up"));
        var missing = await Assert.ThrowsAsync<BijieApiException>(() => client.GetLocalityAsync("520599"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("赫章县", (await client.GetLocalityAsync("520527")).Name);
    }
}
