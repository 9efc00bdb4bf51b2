using System.Net;
using System.Net.Sockets;
using Bijie.Actors.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.UnitTests;

/// <summary>Where webhooks may go: the address table, the URL policy, the check at connection time, the signature.</summary>
public sealed class WebhookDestinationTests
{
    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.1.2.3", "loopback")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.8", "IETF")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "metadata")]
    [InlineData("64:ff9b:1::1", "NAT64")]
    [InlineData("2002:7f00:1::1", "loopback")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    public void An_inside_address_is_refused_and_named_by_its_kind(string address, string kind)
    {
        var refusal = WebhookAddresses.Refusal(IPAddress.Parse(address));
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("192.169.0.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void A_public_address_is_allowed(string address) => Assert.Null(WebhookAddresses.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:15432/")]
    [InlineData("https://127.0.0.1:15432/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]:5080/api/v1/api-keys")]
    [InlineData("https://[::ffff:7f00:1]/")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("https://localhost:5080/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://0x7f.1/")]
    [InlineData("http://8.8.8.8/")]
    [InlineData("https://user:secret@8.8.8.8/")]
    public async Task By_default_a_destination_inside_or_without_https_is_refused(string url)
    {
        var destinations = Destinations();
        await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => destinations.CheckAsync(new Uri(url), CancellationToken.None));
    }

    [Fact]
    public async Task A_public_https_address_passes_without_asking_anyone()
    {
        await Destinations().CheckAsync(new Uri("https://8.8.8.8/hook"), CancellationToken.None);
    }

    [Fact]
    public async Task The_allowance_for_a_private_destination_names_its_host_and_port_exactly()
    {
        var destinations = Destinations(["127.0.0.1:5000"], ["127.0.0.1"]);
        await destinations.CheckAsync(new Uri("http://127.0.0.1:5000/hook"), CancellationToken.None);
        await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => destinations.CheckAsync(new Uri("http://127.0.0.1:5001/hook"), CancellationToken.None));
        await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => destinations.CheckAsync(new Uri("https://localhost:5000/hook"), CancellationToken.None));
        await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => destinations.CheckAsync(new Uri("http://[::1]:5000/hook"), CancellationToken.None));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_the_connection_is_made_and_nothing_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // The handler itself checks (not only registration): what a name resolves to at delivery is what counts.
        using var refused = new HttpClient(Destinations().CreateHandler());
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync($"http://localhost:{port}/"));
        Assert.IsType<WebhookDestinationRefusedException>(e.InnerException);
        Assert.False(listener.Pending());

        // With the allowance for exactly this host and port, the same handler connects.
        using var allowed = new HttpClient(Destinations([$"localhost:{port}"], []).CreateHandler());
        using var cancel = new CancellationTokenSource();
        var sending = allowed.GetAsync($"http://localhost:{port}/", cancel.Token);
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(accepted.Connected);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public void The_handler_follows_no_redirect_and_uses_no_proxy()
    {
        using var handler = Destinations().CreateHandler();
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.NotNull(handler.ConnectCallback);
    }

    [Fact]
    public void A_receiver_accepts_a_fresh_signed_delivery_and_refuses_a_replayed_forged_or_altered_one()
    {
        const string secret = "a-secret-of-the-receivers-own-32";
        const string body = """{"id":"x","type":"report.accepted"}""";
        var now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
        var timestamp = now.ToUnixTimeSeconds().ToString();
        var signature = "sha256=" + WebhookSignature.Sign(secret, timestamp, body);
        var window = WebhookSignature.DefaultReplayWindow;

        Assert.True(WebhookSignature.Verify(secret, timestamp, body, signature, now.AddMinutes(4), window));
        Assert.False(WebhookSignature.Verify(secret, timestamp, body, signature, now.AddMinutes(6), window)); // replayed after the window
        Assert.False(WebhookSignature.Verify(secret, timestamp, body, signature, now.AddMinutes(-6), window)); // from the future
        Assert.False(WebhookSignature.Verify(secret, timestamp, body + " ", signature, now, window));
        Assert.False(WebhookSignature.Verify(secret, (now.ToUnixTimeSeconds() + 1).ToString(), body, signature, now, window));
        Assert.False(WebhookSignature.Verify("another secret of 16+ chars", timestamp, body, signature, now, window));
        Assert.False(WebhookSignature.Verify(secret, "-1", body, signature, now, window));
    }

    private static WebhookDestinations Destinations(List<string>? allowPrivate = null, List<string>? allowHttp = null) =>
        new(Options.Create(new WebhookOptions { AllowPrivateDestinations = allowPrivate ?? [], AllowPlainHttpHosts = allowHttp ?? [] }));
}
