using Bijie.Actors.Fuzz;
using Xunit.Abstractions;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The authorisation suite (tools/Bijie.Actors.Fuzz/AccessSuite.cs) against a host of its own: every operation of the
/// OpenAPI document declares a policy, refuses every role the policy does not admit, refuses another tenant's writes,
/// and shows what belongs to someone only to those it belongs to.
/// </summary>
public sealed class AuthorizationSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_operation_declares_a_policy_refuses_other_roles_and_other_tenants_and_shows_owners_things_to_owners_only()
    {
        var (host, adminKey) = await UnlimitedHost.StartAsync("access");
        await using var _ = host;

        var log = new StringWriter();
        var result = await AccessSuite.RunAsync(host.Http.BaseAddress!, adminKey, log);
        output.WriteLine(log.ToString());
        Directory.CreateDirectory(BrowserFixture.Artifacts);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.Artifacts, "access-suite.txt"), log.ToString());

        Assert.True(result.Operations >= 80, $"only {result.Operations} operations were found in the OpenAPI document");
        Assert.True(result.Passed, $"{result.Findings.Count} findings and {result.StateChanges.Count} state changes:\n{log}");
    }
}
