using System.Diagnostics;

namespace Bijie.Actors.IntegrationTests;

/// <summary>An Azurite table service of the test's own (from deploy/node_modules), on a given port, with throwaway data.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string location;

    private AzuriteProcess(Process process, string location)
    {
        this.process = process;
        this.location = location;
    }

    public static AzuriteProcess Start(int port)
    {
        var executable = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "node_modules", ".bin", "azurite-table");
        Assert.True(File.Exists(executable), $"{executable} is missing: deploy/test.sh installs Azurite");
        var location = Directory.CreateTempSubdirectory("bijie-azurite-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--location", location, "--skipApiVersionCheck", "--disableTelemetry" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AzuriteProcess(process, location);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(location, recursive: true);
    }
}
