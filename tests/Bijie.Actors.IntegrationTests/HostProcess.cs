using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>A Bijie.Actors host started as its own process on free ports; disposing it kills what is left.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private readonly string adminKeyFile;
    private readonly bool ownsAdminKeyFile;

    private HostProcess(Process process, int httpPort, int siloPort, string adminKeyFile, bool ownsAdminKeyFile)
    {
        this.process = process;
        this.adminKeyFile = adminKeyFile;
        this.ownsAdminKeyFile = ownsAdminKeyFile;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    /// <summary>Starts a host with these configuration settings (on top of fresh ports).</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var httpPort = TestEnvironment.FreePort();
        var siloPort = TestEnvironment.FreePort();
        var gatewayPort = TestEnvironment.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(TestEnvironment.HostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TestEnvironment.HostAssembly);
        var all = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["Bijie:SiloPort"] = siloPort.ToString(),
            ["Bijie:GatewayPort"] = gatewayPort.ToString(),
            ["Bijie:SiloName"] = $"test-{siloPort}",
            ["ConnectionStrings:Ledger"] = TestEnvironment.Postgres,
            ["Bijie:DataProtection:KeyEncryptionKey"] = TestEnvironment.KeyEncryptionKey,
            // Every test host has an admin key (the system's host list is the admin's); a test may name the file.
            ["Bijie:AdminKeyFile"] = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}"),
        };
        var ownsAdminKeyFile = !settings.ContainsKey("Bijie:AdminKeyFile");
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        // The host must see only what the test gives it.
        info.Environment.Remove("ConnectionStrings__AzureTables");
        info.Environment.Remove("ConnectionStrings__Clustering");
        info.Environment.Remove("ConnectionStrings__Ledger");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process, httpPort, siloPort, all["Bijie:AdminKeyFile"], ownsAdminKeyFile);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Starts a host on a fresh service id, waits until it is ready, and returns it with a client sending the admin key its first start created.</summary>
    public static async Task<(HostProcess Host, HttpClient Admin)> StartWithAdminAsync(string prefix, IReadOnlyDictionary<string, string>? settings = null)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");
        var serviceId = $"{prefix}{Guid.NewGuid():N}";
        var all = new Dictionary<string, string>
        {
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var host = Start(all);
        await host.WaitReadyAsync();
        var admin = new HttpClient { BaseAddress = host.Http.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(keyFile)).Trim());
        File.Delete(keyFile);
        return (host, admin);
    }

    /// <summary>Polls /health/ready until it answers 200, or fails with the host's output.</summary>
    public async Task WaitReadyAsync(TimeSpan? within = null)
    {
        await PollAsync(async () =>
        {
            using var response = await Http.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }, within ?? TimeSpan.FromSeconds(90), "/health/ready to answer 200");
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A GET sent with the admin key the host's start wrote to its admin key file.</summary>
    public async Task<HttpResponseMessage> AdminGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(adminKeyFile)).Trim());
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetAdminJsonAsync(string path)
    {
        using var response = await AdminGetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} (admin) answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls CONDITION (exceptions count as "not yet") until it holds or the deadline passes.</summary>
    public async Task PollAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < within)
        {
            if (process.HasExited)
            {
                Assert.Fail($"the host exited with {process.ExitCode} while waiting for {what}:\n{Output}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                last = e;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"timed out after {within} waiting for {what} (last error: {last?.Message}):\n{Output}");
    }

    /// <summary>Asks the host to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Http.Dispose();
        process.Dispose();
        if (ownsAdminKeyFile)
        {
            File.Delete(adminKeyFile);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
