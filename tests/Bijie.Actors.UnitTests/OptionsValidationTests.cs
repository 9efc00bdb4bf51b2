using Bijie.Actors.Abstractions.Configuration;
using Bijie.Actors.Grains;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.UnitTests;

/// <summary>Each configuration section binds one options class, and a bad value stops the host with the section and the reason.</summary>
public sealed class OptionsValidationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_zero_roll_up_flush_interval_is_refused_when_the_options_are_read()
    {
        using var services = new ServiceCollection().AddLogging().AddBijieGrains(Configuration(("Bijie:Rollups:FlushInterval", "00:00:00"))).BuildServiceProvider();
        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RollupOptions>>().Value);
        Assert.Contains("FlushInterval must be above zero", refusal.Message);
    }

    [Fact]
    public void The_default_options_of_every_grain_section_are_valid()
    {
        using var services = new ServiceCollection().AddLogging().AddBijieGrains(Configuration()).BuildServiceProvider();
        Assert.Equal(TimeSpan.FromMilliseconds(100), services.GetRequiredService<IOptions<RollupOptions>>().Value.FlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), services.GetRequiredService<IOptions<LiveOptions>>().Value.ObserverExpiry);
    }

    [Fact]
    public void A_live_subscription_renewed_no_sooner_than_it_expires_is_refused()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() =>
            ValidatedOptions.Check(new LiveOptions { RenewInterval = TimeSpan.FromSeconds(30), ObserverExpiry = TimeSpan.FromSeconds(30) }, LiveOptions.Section));
        Assert.Contains("Bijie:Live", refusal.Message);
        Assert.Contains("RenewInterval", refusal.Message);
    }

    [Fact]
    public void A_ledger_whose_silent_sessions_outlast_its_commits_time_limit_is_refused()
    {
        var defaults = new Bijie.Actors.Ledger.LedgerOptions();
        Assert.Same(defaults, ValidatedOptions.Check(defaults, "Bijie:Ledger")); // 2 s below 5 s
        var refusal = Assert.Throws<InvalidOperationException>(() => ValidatedOptions.Check(
            new Bijie.Actors.Ledger.LedgerOptions { IdleInTransactionTimeout = TimeSpan.FromSeconds(5), CommitTimeout = TimeSpan.FromSeconds(5) }, "Bijie:Ledger"));
        Assert.Contains("Bijie:Ledger", refusal.Message);
        Assert.Contains("IdleInTransactionTimeout", refusal.Message);
    }

    [Theory]
    [InlineData("Bijie:Api:RequestsPerSecondPerKey", "0", "Bijie:Api")]
    [InlineData("Bijie:Live:MaxConnectionsPerAddress", "-1", "Bijie:Live")]
    [InlineData("Bijie:Web:SessionCheck", "00:00:00", "Bijie:Web")]
    public void The_web_refuses_a_limit_that_would_refuse_everyone_before_it_composes(string key, string value, string section)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBijieWeb(Configuration((key, value))));
        Assert.Contains(section, refusal.Message);
        Assert.Contains(key[(key.LastIndexOf(':') + 1)..], refusal.Message);
    }
}
