using Bijie.Actors.Host;
using Bijie.Actors.Host.Health;
using Bijie.Actors.Host.Hosting;
using Bijie.Actors.Web;
using Bijie.Actors.Web.Security;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddBijieSilo();
builder.AddBijieLedger();
builder.AddBijieDataProtection();
builder.AddBijieObservability();
builder.AddBijieHealthChecks();
builder.Services.AddBijieWeb(builder.Configuration);
builder.Services.AddSingleton<Bijie.Actors.Demo.DemoLoader>();
builder.Services.AddHostedService<HostStartWork>();

var app = builder.Build();
app.UseForwardedHeaders(); // from the configured proxies only (Bijie:Web:ForwardedProxies)
app.UseBijieSecurityHeaders(app.Services.GetRequiredService<WebSecurityOptions>());
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRateLimiter(); // before authentication: an unauthenticated caller's work is bounded too
app.UseAuthentication();
app.UseBijieAntiforgery();
app.UseAuthorization();
app.MapBijieHealth();
app.MapBijieApis();
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(Bijie.Actors.Web.Security.Policies.Admin);
app.Run();
