using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bijie.Actors.Client;

/// <summary>Options of <see cref="BijieClient"/>.</summary>
public sealed class BijieClientOptions
{
    /// <summary>The API key (bjk_…); none for the public boards.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; it doubles, or follows the server's Retry-After.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// A typed client of the Bijie.Actors API. A request that fails in transit, or is answered 429, 502, 503 or 504,
/// is sent again; a report is sent again with the same Idempotency-Key, so however often it is retried it is
/// counted once.
/// </summary>
public sealed class BijieClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient http;
    private readonly BijieClientOptions options;

    public BijieClient(HttpClient http, BijieClientOptions? options = null)
    {
        this.http = http;
        this.options = options ?? new BijieClientOptions();
    }

    public Task<Locality> GetLocalityAsync(string code, CancellationToken cancellationToken = default) =>
        SendAsync<Locality>(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/localities/{Uri.EscapeDataString(code)}"), cancellationToken);

    public Task<Board> GetBoardAsync(string code, int? year = null, CancellationToken cancellationToken = default) =>
        SendAsync<Board>(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/boards/{Uri.EscapeDataString(code)}{(year is null ? "" : $"?year={year}")}"), cancellationToken);

    /// <summary>Sends a report; every retry carries the same idempotency key (a new one is made when none is given).</summary>
    public Task<ReportReceipt> SubmitReportAsync(NewReport report, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? Guid.NewGuid().ToString("N");
        return SendAsync<ReportReceipt>(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(report, options: Json),
            Headers = { { "Idempotency-Key", key } },
        }, cancellationToken);
    }

    /// <summary>Checks a report as a submission would, writing nothing: the refusal it would get (thrown), or its warnings.</summary>
    public Task<ReportCheck> CheckReportAsync(NewReport report, CancellationToken cancellationToken = default) =>
        SendAsync<ReportCheck>(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports/check") { Content = JsonContent.Create(report, options: Json) }, cancellationToken);

    public Task<Report> GetReportAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<Report>(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/{id}"), cancellationToken);

    /// <summary>Registers or updates an enterprise (office); a credit code with a wrong check character is refused.</summary>
    public Task<Enterprise> RegisterEnterpriseAsync(Enterprise enterprise, CancellationToken cancellationToken = default) =>
        SendAsync<Enterprise>(() => new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{Uri.EscapeDataString(enterprise.CreditCode)}")
        {
            Content = JsonContent.Create(enterprise, options: Json),
        }, cancellationToken);

    /// <summary>The programme office's staff directory (office).</summary>
    public Task<IReadOnlyList<StaffMember>> GetStaffAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<StaffMember>>(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff"), cancellationToken);

    /// <summary>How the grains spread over the cluster's silos (admin).</summary>
    public Task<IReadOnlyList<SiloActivations>> GetActivationsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<SiloActivations>>(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/activations"), cancellationToken);

    /// <summary>The ledger's daily digests, newest first (office): keep them outside the system to check the ledger against later.</summary>
    public Task<IReadOnlyList<LedgerDigest>> ListLedgerDigestsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<LedgerDigest>>(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/ledger/digests"), cancellationToken);

    /// <summary>Starts a pairing; a retry of a start that succeeded answers the pairing it made.</summary>
    public Task<Pairing> StartPairingAsync(NewPairing pairing, CancellationToken cancellationToken = default) =>
        SendAsync<Pairing>(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/pairings") { Content = JsonContent.Create(pairing, options: Json) }, cancellationToken);

    public Task<Pairing> GetPairingAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<Pairing>(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pairings/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task<Page<Pairing>> ListPairingsAsync(PairingFilter filter, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { $"page={filter.Page}", $"size={filter.Size}" };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value.ToString()!)}");
            }
        }

        Add("locality", filter.Locality);
        Add("enterprise", filter.Enterprise);
        Add("helper", filter.Helper);
        Add("year", filter.Year);
        Add("status", filter.Status);
        return SendAsync<Page<Pairing>>(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pairings?{string.Join('&', query)}"), cancellationToken);
    }

    /// <summary>Every pairing the filter matches, 200 a page from the filter's page on.</summary>
    public async IAsyncEnumerable<Pairing> ListAllPairingsAsync(PairingFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = filter with { Size = 200 }; ; page = page with { Page = page.Page + 1 })
        {
            var items = await ListPairingsAsync(page, cancellationToken);
            foreach (var pairing in items.Items)
            {
                yield return pairing;
            }

            if (items.Next is null)
            {
                yield break;
            }
        }
    }

    /// <summary>The indicator catalogue: which indicators reports may carry, their units and limits.</summary>
    public Task<IReadOnlyList<IndicatorInfo>> GetIndicatorsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<IndicatorInfo>>(() => new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators"), cancellationToken);

    /// <summary>Issues an API key (admin only); its token is in this answer only.</summary>
    public Task<IssuedApiKey> IssueApiKeyAsync(NewApiKey key, CancellationToken cancellationToken = default) =>
        SendAsync<IssuedApiKey>(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = JsonContent.Create(key, options: Json) }, cancellationToken);

    /// <summary>Revokes an API key at once (admin only).</summary>
    public Task<ApiKeyInfo> RevokeApiKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<ApiKeyInfo>(() => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/api-keys/{Uri.EscapeDataString(id)}"), cancellationToken);

    /// <summary>
    /// The reports that stand in a locality and below in a year, one line per indicator, as the ledger holds them
    /// (read from the office's CSV export: one request however many reports, where the JSON listing pages).
    /// </summary>
    public async Task<IReadOnlyList<ReportLine>> ExportReportLinesAsync(string locality, int year, CancellationToken cancellationToken = default)
    {
        var csv = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/exports/reports.csv?locality={Uri.EscapeDataString(locality)}&year={year}"), r => r.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
        return ReportLine.ParseExport(csv);
    }

    private Task<T> SendAsync<T>(Func<HttpRequestMessage> make, CancellationToken cancellationToken) =>
        SendAsync(make, async r => (await r.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!, cancellationToken);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> make, Func<HttpResponseMessage, Task<T>> read, CancellationToken cancellationToken)
    {
        var delay = options.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var request = make();
            if (options.ApiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < options.MaxAttempts)
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await read(response);
                }

                if (attempt < options.MaxAttempts && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? delay, cancellationToken);
                    delay *= 2;
                    continue;
                }

                throw await ProblemAsync(response, cancellationToken);
            }
        }
    }

    private static async Task<BijieApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? title = response.ReasonPhrase, detail = null, code = null;
        Dictionary<string, string[]>? errors = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            title = problem.TryGetProperty("title", out var t) ? t.GetString() : title;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            errors = problem.TryGetProperty("errors", out var e) ? e.Deserialize<Dictionary<string, string[]>>(Json) : null;
        }
        catch (JsonException)
        {
            // Not problem details: the status says enough.
        }

        return new BijieApiException(response.StatusCode, title, detail, code, errors);
    }
}
