using System.Net;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The host in its default single-node mode, with grain state in Azure Table storage on Azurite.</summary>
public sealed class SingleNodeHostTests
{
    private static Dictionary<string, string> SingleNode(string serviceId, string? tables = null, string? siloName = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["ConnectionStrings:AzureTables"] = tables ?? TestEnvironment.AzureTables,
        };
        if (siloName is not null)
        {
            settings["Bijie:SiloName"] = siloName;
        }

        return settings;
    }

    [Fact]
    public async Task The_system_shows_anyone_the_product_and_version_and_only_the_admin_its_hosts()
    {
        await using var host = HostProcess.Start(SingleNode($"t{Guid.NewGuid():N}", siloName: "host-name-of-the-test"));
        await host.WaitReadyAsync();

        var anyone = await host.GetJsonAsync("/api/v1/system");
        Assert.Equal("Bijie.Actors", anyone.GetProperty("codeName").GetString());
        Assert.False(string.IsNullOrEmpty(anyone.GetProperty("version").GetString()));
        Assert.DoesNotContain("host-name-of-the-test", anyone.GetRawText());
        Assert.Equal(JsonValueKind.Null, anyone.GetProperty("programme").ValueKind);

        var admin = await host.GetAdminJsonAsync("/api/v1/system");
        Assert.Contains("host-name-of-the-test", admin.GetProperty("programme").GetProperty("lastStartedBy").GetString());
    }

    [Fact]
    public async Task The_host_becomes_ready_and_its_first_page_shows_the_name_in_Chinese_and_English()
    {
        await using var host = HostProcess.Start(SingleNode($"t{Guid.NewGuid():N}"));
        await host.WaitReadyAsync();

        var live = await host.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await host.GetJsonAsync("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        foreach (var check in new[] { "silo", "startup", "azure-tables" })
        {
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }

        var page = await host.Http.GetStringAsync("/");
        Assert.Contains("毕节市组团式帮扶实时看板", page);
        Assert.Contains("Bijie live assistance board", page);

        // The boards' libraries come with the host (copied from npm by the build), not from a CDN.
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("src=\"//", page);
        foreach (var library in new[] { "/lib/echarts.min.js", "/lib/signalr.min.js", "/lib/bijie-map.js" })
        {
            using var response = await host.Http.GetAsync(library);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains("registerMap('毕节'", await host.Http.GetStringAsync("/lib/bijie-map.js"));
    }

    [Fact]
    public async Task Telemetry_goes_out_by_OTLP_when_the_standard_variables_name_a_collector()
    {
        var port = TestEnvironment.FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new HashSet<string>();
        var listening = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                var context = await collector.GetContextAsync();
                lock (received)
                {
                    received.Add(context.Request.Url!.AbsolutePath);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        await using var host = HostProcess.Start(SingleNode($"t{Guid.NewGuid():N}"), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        });
        await host.WaitReadyAsync();
        await host.GetAdminJsonAsync("/api/v1/system");

        await host.PollAsync(() =>
        {
            lock (received)
            {
                return Task.FromResult(received.IsSupersetOf(["/v1/metrics", "/v1/traces", "/v1/logs"]));
            }
        }, TimeSpan.FromSeconds(60), "metrics, traces and logs to reach the collector");
        collector.Stop();
    }

    [Fact]
    public async Task Grain_state_written_to_Azure_Table_storage_survives_a_host_restart()
    {
        var serviceId = $"t{Guid.NewGuid():N}";
        JsonElement first;
        await using (var host = HostProcess.Start(SingleNode(serviceId)))
        {
            await host.WaitReadyAsync();
            first = (await host.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme");
            Assert.Equal(1, first.GetProperty("hostStarts").GetInt64());
            await host.StopAsync();
        }

        await using (var host = HostProcess.Start(SingleNode(serviceId)))
        {
            await host.WaitReadyAsync();
            var second = (await host.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme");
            Assert.Equal(2, second.GetProperty("hostStarts").GetInt64());
            Assert.Equal(first.GetProperty("firstStartedAt").GetDateTimeOffset(), second.GetProperty("firstStartedAt").GetDateTimeOffset());
            Assert.NotEqual(first.GetProperty("servedBy").GetString(), second.GetProperty("servedBy").GetString());
        }
    }

    [Fact]
    public async Task Without_its_grain_store_the_host_is_live_but_not_ready_says_why_and_becomes_ready_when_the_store_appears()
    {
        var closed = TestEnvironment.FreePort();
        var tables = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;";
        await using var host = HostProcess.Start(SingleNode($"t{Guid.NewGuid():N}", tables));

        await host.PollAsync(async () => (await host.Http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), "/health/live to answer 200");
        using var ready = await host.Http.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var tablesCheck = body.GetProperty("checks").GetProperty("azure-tables");
        Assert.Equal("Unhealthy", tablesCheck.GetProperty("status").GetString());
        Assert.Contains($"127.0.0.1:{closed}", tablesCheck.GetProperty("description").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("startup").GetProperty("status").GetString());

        // The host waited for its store instead of failing: once Azurite answers on that port, it becomes ready.
        await using var azurite = AzuriteProcess.Start(closed);
        await host.WaitReadyAsync();
        var programme = (await host.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme");
        Assert.Equal(1, programme.GetProperty("hostStarts").GetInt64());
    }
}
