using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The office's ledgers in and out: dry runs, all-or-nothing imports, and an export that imports into an empty store with the same boards.</summary>
public sealed class ImportExportTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static async Task<JsonElement> ImportAsync(HttpClient client, string kind, byte[] file, string mediaType, bool dryRun, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync($"/api/v1/imports/{kind}?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{kind}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Fact]
    public async Task A_dry_run_names_every_bad_row_and_a_file_with_a_bad_row_changes_nothing()
    {
        var office = fixture.Client(fixture.AdminKey);
        var good = TestEnvironment.NewCreditCode();
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');
        var enterprises = Csv("统一社会信用代码,企业名称,行业,省份", $"{good},导入测试企业,农业,贵州", $"{bad},校验位错误企业,农业,贵州", $"{TestEnvironment.NewCreditCode()},,农业,贵州");

        var dry = await ImportAsync(office, "enterprises", enterprises, "text/csv", dryRun: true, HttpStatusCode.OK);
        Assert.Equal(3, dry.GetProperty("rows").GetInt32());
        Assert.Equal(1, dry.GetProperty("validRows").GetInt32());
        var errors = dry.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3, 4], errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.Contains("check character", errors[0].GetProperty("message").GetString());

        var refused = await ImportAsync(office, "enterprises", enterprises, "text/csv", dryRun: false, HttpStatusCode.BadRequest);
        Assert.Equal(0, refused.GetProperty("applied").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/enterprises/{good}")).StatusCode); // nothing changed

        var pairings = Csv("结对类型,企业信用代码,地区代码,开始日期,责任人编号", $"EnterpriseVillage,{good},520526001001,2023-07-01,staff-001");
        var unknownEnterprise = await ImportAsync(office, "pairings", pairings, "text/csv", dryRun: true, HttpStatusCode.OK);
        Assert.Contains("import it first", unknownEnterprise.GetProperty("errors")[0].GetProperty("message").GetString());

        var fixedFile = Csv("统一社会信用代码,企业名称,行业,省份", $"{good},导入测试企业,农业,贵州");
        var clean = await ImportAsync(office, "enterprises", fixedFile, "text/csv", dryRun: true, HttpStatusCode.OK);
        Assert.Equal(1, clean.GetProperty("creates").GetInt32());
        Assert.Equal("create", clean.GetProperty("changes")[0].GetProperty("action").GetString());
        Assert.Equal(1, (await ImportAsync(office, "enterprises", fixedFile, "text/csv", dryRun: false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/api/v1/enterprises/{good}")).StatusCode);

        // The same file checked again: the row now updates the enterprise it created.
        var again = await ImportAsync(office, "enterprises", fixedFile, "text/csv", dryRun: true, HttpStatusCode.OK);
        Assert.Equal((0, 1), (again.GetProperty("creates").GetInt32(), again.GetProperty("updates").GetInt32()));
    }

    [Fact]
    public async Task A_pairing_row_the_pairing_would_refuse_is_named_by_the_dry_run_and_no_row_of_its_file_is_applied()
    {
        // The pairing grain checks each row as starting it would: a helper of a kind that cannot take a regional
        // pairing, and an end before the start, fail the dry run, not half-way through applying the file.
        var office = fixture.Client(fixture.AdminKey);
        var helper = $"imp-{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "导入检查测试单位", kind = "PartyProvincialCommittee", strengths = new[] { "Health" } })).EnsureSuccessStatusCode();
        var good = $"Township,{helper},520523002,2023-03-01,staff-001,,";
        var file = Csv("结对类型,帮扶单位编号,地区代码,开始日期,责任人编号,结束日期,结束原因",
            good, $"Regional,{helper},520523,2023-03-01,staff-001,,", $"Township,{helper},520523003,2023-03-01,staff-001,2023-01-01,换届");

        var dry = await ImportAsync(office, "pairings", file, "text/csv", dryRun: true, HttpStatusCode.OK);
        var errors = dry.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([3, 4], errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.Equal("帮扶单位编号", errors[0].GetProperty("field").GetString());
        Assert.Contains("cannot be the helper of a Regional pairing", errors[0].GetProperty("message").GetString());
        Assert.Equal("结束日期", errors[1].GetProperty("field").GetString());

        Assert.Equal(0, (await ImportAsync(office, "pairings", file, "text/csv", dryRun: false, HttpStatusCode.BadRequest)).GetProperty("applied").GetInt32());
        var listed = await office.GetFromJsonAsync<JsonElement>($"/api/v1/pairings?helper={helper}");
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
        Assert.Equal(1, (await ImportAsync(office, "pairings", Csv("结对类型,帮扶单位编号,地区代码,开始日期,责任人编号,结束日期,结束原因", good), "text/csv", dryRun: false, HttpStatusCode.OK))
            .GetProperty("applied").GetInt32());
    }

    [Theory]
    [InlineData("enterprises", "统一社会信用代码,企业名称,行业,省份")]
    [InlineData("reports", "对象类型,对象编号,填报日期,指标代码,数值")]
    public async Task A_template_has_the_kinds_chinese_column_headers_and_imports_as_an_empty_file(string kind, string header)
    {
        var office = fixture.Client(fixture.AdminKey);
        var csv = await office.GetByteArrayAsync($"/api/v1/imports/{kind}/template.csv");
        Assert.Equal(header, Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Trim());
        var xlsx = await office.GetByteArrayAsync($"/api/v1/imports/{kind}/template.xlsx");
        var dry = await ImportAsync(office, kind, xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", dryRun: true, HttpStatusCode.OK);
        Assert.Empty(dry.GetProperty("errors").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/api/v1/imports/nothing/template.csv")).StatusCode);
    }

    [Fact]
    public async Task A_report_export_of_a_quarter_holds_only_the_reports_dated_in_it()
    {
        var office = fixture.Client(fixture.AdminKey);
        var helper = $"hx{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "导出测试单位", kind = "Unit", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
        using var started = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = helper, localityCode = "520523001", start = "2023-01-02", responsibleStaffId = "staff-001" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var pairing = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        foreach (var date in new[] { new DateOnly(2023, 2, 10), new DateOnly(2023, 5, 10), new DateOnly(2023, 6, 30), new DateOnly(2023, 7, 1) })
        {
            using var reported = await TestEnvironment.PostReportAsync(office, pairing, date, "clinic_person_times", 3);
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        }

        string[] Dates(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(l => l.Contains(pairing, StringComparison.Ordinal))
            .Select(l => l.Split(',')[3]).Order().ToArray();
        Assert.Equal(["2023-02-10", "2023-05-10", "2023-06-30", "2023-07-01"], Dates(await office.GetStringAsync("/api/v1/exports/reports.csv?year=2023&locality=520523001")));
        Assert.Equal(["2023-05-10", "2023-06-30"], Dates(await office.GetStringAsync("/api/v1/exports/reports.csv?year=2023&period=2023Q2&locality=520523001")));
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/exports/reports.csv?year=2023&period=2024Q1")).StatusCode);
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_store_gives_the_same_boards()
    {
        // A county's ledgers in the first store, made through the API.
        var office = fixture.Client(fixture.AdminKey);
        var villages = new[] { "520526001001", "520526001002", "520526002001" };
        foreach (var (village, i) in villages.Select((v, i) => (v, i)))
        {
            var code = TestEnvironment.NewCreditCode();
            (await office.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = $"导出企业{i}", industry = "茶业", province = "贵州" })).EnsureSuccessStatusCode();
            using var start = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "EnterpriseVillage", enterpriseCode = code, localityCode = village, start = "2023-06-01", responsibleStaffId = "staff-030" });
            var pairingId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            foreach (var (indicator, value) in new[] { ("investment_visits", 1m + i), ("investment_signed_yuan", 1_000_000.25m * (i + 1)), ("clinic_person_times", 40m * (i + 1)) })
            {
                using var report = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
                {
                    Content = JsonContent.Create(new { pairingId, date = $"2023-0{7 + i}-15", values = new Dictionary<string, decimal> { [indicator] = value } }),
                    Headers = { { "Idempotency-Key", $"rt-{Guid.NewGuid():N}" } },
                };
                Assert.Equal(HttpStatusCode.Created, (await office.SendAsync(report)).StatusCode);
            }
        }

        // A group project there, under way, with a report of its own.
        var lead = $"lead-{Guid.NewGuid():N}"[..20];
        var co = $"co-{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{lead}", new { nameZh = "牵头单位", kind = "PartyCentralCommittee" })).EnsureSuccessStatusCode();
        (await office.PutAsJsonAsync($"/api/v1/helpers/{co}", new { nameZh = "参与医院", kind = "Institution" })).EnsureSuccessStatusCode();
        var projectId = $"rt-{Guid.NewGuid():N}"[..20];
        (await office.PostWithKeyAsync("/api/v1/projects", new
        {
            id = projectId, title = "县医院能力提升", track = "Health", localityCode = "520526", leadHelperId = lead, coHelperIds = new[] { co },
            responsibleStaffId = "staff-031", money = new { plannedYuan = 3_000_000m, signedYuan = 1_200_000m, landedYuan = 0m }, proposedOn = "2023-03-01",
        })).EnsureSuccessStatusCode();
        foreach (var step in new object[] { new { to = "InLibrary", on = "2023-03-10" }, new { to = "Planned", on = "2023-03-20", plannedYear = 2023 }, new { to = "InProgress", on = "2023-04-01" } })
        {
            (await office.PostAsJsonAsync($"/api/v1/projects/{projectId}/transitions", step)).EnsureSuccessStatusCode();
        }

        using (var projectReport = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { projectId, date = "2023-10-20", values = new Dictionary<string, decimal> { ["clinic_person_times"] = 60m } }),
            Headers = { { "Idempotency-Key", $"rt-{Guid.NewGuid():N}" } },
        })
        {
            Assert.Equal(HttpStatusCode.Created, (await office.SendAsync(projectReport)).StatusCode);
        }

        async Task<JsonElement> BoardAsync(HostProcess host) => await host.GetJsonAsync("/api/v1/boards/520526?year=2023");
        await fixture.Host.PollAsync(async () => (await BoardAsync(fixture.Host)).GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal() == 300m,
            TimeSpan.FromSeconds(20), "the first store's board");
        var enterprisesCsv = await office.GetByteArrayAsync("/api/v1/exports/enterprises.csv?locality=520526");
        var helpersCsv = await office.GetByteArrayAsync("/api/v1/exports/helpers.csv");
        var projectsXlsx = await office.GetByteArrayAsync("/api/v1/exports/projects.xlsx?locality=520526");
        var pairingsXlsx = await office.GetByteArrayAsync("/api/v1/exports/pairings.xlsx?locality=520526");
        var reportsXlsx = await office.GetByteArrayAsync("/api/v1/exports/reports.xlsx?locality=520526&year=2023");
        const string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        // An empty second store: its own ledger and grain state.
        var (second, secondOffice) = await HostProcess.StartWithAdminAsync("rt", new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("roundtrip"),
        });
        await using var secondHost = second;
        using var _ = secondOffice;

        Assert.Equal(3, (await ImportAsync(secondOffice, "enterprises", enterprisesCsv, "text/csv", false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        Assert.Equal(3, (await ImportAsync(secondOffice, "pairings", pairingsXlsx, xlsx, false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        Assert.True((await ImportAsync(secondOffice, "helpers", helpersCsv, "text/csv", false, HttpStatusCode.OK)).GetProperty("applied").GetInt32() >= 2);
        Assert.Equal(1, (await ImportAsync(secondOffice, "projects", projectsXlsx, xlsx, false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        Assert.Equal(10, (await ImportAsync(secondOffice, "reports", reportsXlsx, xlsx, false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        // The same file again adds nothing: every row's report carries the file's key.
        await ImportAsync(secondOffice, "reports", reportsXlsx, xlsx, false, HttpStatusCode.OK);

        var expected = (await BoardAsync(fixture.Host)).GetProperty("indicators").GetRawText();
        var actual = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (actual != expected && DateTime.UtcNow < deadline)
        {
            actual = (await BoardAsync(second)).GetProperty("indicators").GetRawText();
            await Task.Delay(100);
        }

        Assert.Equal(expected, actual);
        var figures = (await BoardAsync(second)).GetProperty("indicators");
        Assert.Equal(6_000_001.50m, figures.GetProperty("investment_signed_yuan").GetProperty("value").GetDecimal());
        Assert.Equal(3m, figures.GetProperty("enterprise_pairing_villages").GetProperty("value").GetDecimal());
        Assert.Equal(1m, figures.GetProperty("projects_total").GetProperty("value").GetDecimal());
        var project = await second.GetJsonAsync($"/api/v1/projects/{projectId}");
        Assert.Equal("InProgress", project.GetProperty("status").GetString());
        Assert.Equal(1_200_000m, project.GetProperty("money").GetProperty("signedYuan").GetDecimal());
    }
    [Fact]
    public async Task A_name_written_as_a_formula_is_exported_as_text_in_csv_and_xlsx_and_imports_as_it_was()
    {
        var office = fixture.Client(fixture.AdminKey);
        const string formula = "=HYPERLINK(\"http://x\",\"y\")";
        var id = $"formula-{Guid.NewGuid():N}"[..24];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{id}", new { nameZh = formula, kind = "Institution" })).EnsureSuccessStatusCode();

        var csv = Encoding.UTF8.GetString(await office.GetByteArrayAsync("/api/v1/exports/helpers.csv")).TrimStart('\uFEFF').Split('\n');
        var line = Assert.Single(csv, l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.Contains("'=HYPERLINK", line);
        Assert.DoesNotContain(",=", line.Replace("\"", ""));

        var xlsx = await office.GetByteArrayAsync("/api/v1/exports/helpers.xlsx");
        using (var workbook = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        {
            var parts = workbook.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); }).ToArray();
            Assert.DoesNotContain(parts, p => p.Contains("<f>") || p.Contains("<x:f>") || p.Contains("<f "));
            var holder = Assert.Single(parts, p => p.Contains("HYPERLINK"));
            var at = holder.IndexOf("HYPERLINK", StringComparison.Ordinal);
            Assert.True(holder[..at].EndsWith("'=", StringComparison.Ordinal) || holder[..at].EndsWith("&apos;=", StringComparison.Ordinal), holder[Math.Max(0, at - 80)..(at + 20)]);
        }

        // The exported row imported again: the helper keeps the name it had, with no apostrophe.
        var back = Encoding.UTF8.GetBytes(csv[0] + "\n" + line + "\n");
        Assert.Equal(1, (await ImportAsync(office, "helpers", back, "text/csv", dryRun: false, HttpStatusCode.OK)).GetProperty("applied").GetInt32());
        Assert.Equal(formula, (await office.GetFromJsonAsync<JsonElement>($"/api/v1/helpers/{id}")).GetProperty("nameZh").GetString());
    }

    [Fact]
    public async Task A_zip_bomb_of_a_few_hundred_kilobytes_is_refused_quickly_and_changes_nothing()
    {
        var office = fixture.Client(fixture.AdminKey);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 200; i++)
            {
                sheet.Write(block);
            }
        }

        Assert.True(zip.Length < 512 * 1024, $"{zip.Length} bytes");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await ImportAsync(office, "helpers", zip.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", dryRun: false, HttpStatusCode.BadRequest);
        Assert.Equal("import.too_large", refused.GetProperty("code").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_file_with_more_rows_than_the_cap_is_refused_whole()
    {
        var office = fixture.Client(fixture.AdminKey);
        var first = $"rows-{Guid.NewGuid():N}"[..20];
        var lines = new[] { "帮扶单位编号,单位名称,单位类型", $"{first},第一行单位,Institution" }
            .Concat(Enumerable.Range(0, 100_000).Select(i => $"r{i},单位{i},Institution"));
        var refused = await ImportAsync(office, "helpers", Csv(lines.ToArray()), "text/csv", dryRun: false, HttpStatusCode.BadRequest);
        Assert.Equal("import.too_large", refused.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/helpers/{first}")).StatusCode);
    }
}
