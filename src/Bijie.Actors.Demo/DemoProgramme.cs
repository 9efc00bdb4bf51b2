using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Demo;

/// <summary>
/// A deterministic demo programme for 2022–2023 whose city board for 2023 shows the figures the source article
/// publishes. The named helpers (the eight parties' national committees, ACFIC, 中华职教社, the Guizhou provincial
/// committees, 四川大学华西医院 and 大方县人民医院, 浙江省人民医院 and 毕节市第一人民医院), 农工党中央 ↔ 大方县 and the
/// 同心家园 projects at 金山/银山社区 come from the article; everything else (the other regional assignments, the
/// township units, the enterprises with their credit codes, the projects and the reports) is generated. No figure
/// is stored: the board computes them from these pairings, projects and reports.
/// </summary>
public sealed class DemoProgramme
{
    public const int Year = 2023;
    private const int Seed = 20231016;

    private static readonly string[] PartyShort = ["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟"];
    private static readonly string[] Provinces = ["北京市", "天津市", "上海市", "重庆市", "浙江省", "江苏省", "广东省", "山东省", "福建省", "四川省", "湖北省", "湖南省", "河南省", "辽宁省"];
    private static readonly string[] Brands = ["宏远", "盛华", "鑫源", "安泰", "恒信", "嘉禾", "瑞丰", "兴黔", "乌蒙", "同心", "新禾", "丰泽", "康宁", "金穗", "云岭", "博雅", "绿源", "天成", "广益", "润达", "华创", "锦程", "永祥", "德信"];
    private static readonly string[] Trades = ["农业发展", "食品", "建筑工程", "电子科技", "医药", "商贸", "旅游开发", "物流", "新能源", "纺织", "茶业", "中药材"];
    private static readonly (string Code, string Province)[] Registrations =
        [("520502", "贵州"), ("520100", "贵州"), ("110108", "北京"), ("310115", "上海"), ("330106", "浙江"), ("440305", "广东"), ("320106", "江苏"), ("510107", "四川"), ("370102", "山东"), ("350102", "福建")];

    public DemoProgramme()
    {
        var random = new Random(Seed);
        Helpers = BuildHelpers();
        Enterprises = BuildEnterprises(random);
        Pairings = BuildPairings(random);
        Projects = BuildProjects();
        Reports = BuildReports(random);
    }

    /// <summary>Research visits (调研指导) by the national committees to their counties.</summary>
    public List<(string Id, RecordVisit Visit)> Visits { get; } = [];

    /// <summary>Expert service teams: one per technology lead helper.</summary>
    public List<(string Id, RegisterExpertTeam Team)> ExpertTeams { get; } = [];

    /// <summary>The teams' service batches, each with its idempotency key.</summary>
    public List<(string TeamId, string Key, RecordServiceBatch Batch)> ServiceBatches { get; } = [];

    /// <summary>The two kinds of platform the article names (党外院士工作站, 科技小院); their places are the demo's.</summary>
    public IReadOnlyList<(string Id, RegisterPlatform Platform)> Platforms { get; } =
    [
        ("bijie-academician-workstation", new RegisterPlatform("毕节市党外院士工作站", PlatformKind.AcademicianWorkstation, Track.Technology, "5205",
            ["jiusan-central", "nonggong-central"], new DateOnly(Year, 5, 20), "组织党外院士专家在毕节开展科技服务")),
        ("hezhang-science-backyard", new RegisterPlatform("赫章县科技小院", PlatformKind.ScienceBackyard, Track.Technology, "520527",
            ["minmeng-central"], new DateOnly(Year, 6, 18), "研究生驻村开展农业科技服务")),
    ];

    public IReadOnlyList<HelperProfile> Helpers { get; }

    public IReadOnlyList<EnterpriseProfile> Enterprises { get; }

    public IReadOnlyList<StartPairing> Pairings { get; }

    public IReadOnlyList<DemoProject> Projects { get; }

    public IReadOnlyList<ReportSubmission> Reports { get; }

    /// <summary>The national committees and their counties (农工党中央 ↔ 大方县 is the article's; the rest is the demo's).</summary>
    public static readonly (string Id, string Name, string NameEn, HelperKind Kind, string County)[] Regional =
    [
        ("minge-central", "民革中央", "Revolutionary Committee of the Chinese Kuomintang", HelperKind.PartyCentralCommittee, "520525"),
        ("minmeng-central", "民盟中央", "China Democratic League", HelperKind.PartyCentralCommittee, "520527"),
        ("minjian-central", "民建中央", "China National Democratic Construction Association", HelperKind.PartyCentralCommittee, "520524"),
        ("minjin-central", "民进中央", "China Association for Promoting Democracy", HelperKind.PartyCentralCommittee, "520523"),
        ("nonggong-central", "农工党中央", "Chinese Peasants' and Workers' Democratic Party", HelperKind.PartyCentralCommittee, "520521"),
        ("zhigong-central", "致公党中央", "China Zhi Gong Party", HelperKind.PartyCentralCommittee, "520581"),
        ("jiusan-central", "九三学社中央", "Jiusan Society", HelperKind.PartyCentralCommittee, "520502"),
        ("taimeng-central", "台盟中央", "Taiwan Democratic Self-Government League", HelperKind.PartyCentralCommittee, "520526"),
        ("acfic", "全国工商联", "All-China Federation of Industry and Commerce", HelperKind.FederationOfIndustryAndCommerce, "520526"),
    ];

    private static readonly string[] ProvincialIds = ["minge-guizhou", "minmeng-guizhou", "minjian-guizhou", "minjin-guizhou", "nonggong-guizhou", "zhigong-guizhou", "jiusan-guizhou", "taimeng-guizhou"];

    private static readonly string[] TongxinProjects = ["光彩车间", "光彩幼儿园", "少儿活动中心", "老年活动中心"];

    private static List<HelperProfile> BuildHelpers()
    {
        var helpers = Regional.Select(r => new HelperProfile(r.Id, r.Name, r.NameEn, r.Kind, null, [])).ToList();
        helpers.Add(new HelperProfile("cves", "中华职教社", "China Vocational Education Association", HelperKind.VocationalEducationSociety, null, [Track.Education, Track.Talent]));
        helpers.AddRange(ProvincialIds.Select((id, i) => new HelperProfile(id, $"{PartyShort[i]}贵州省委会", null, HelperKind.PartyProvincialCommittee, null, [])));
        helpers.Add(new HelperProfile("gzfic", "贵州省工商联", "Guizhou Federation of Industry and Commerce", HelperKind.FederationOfIndustryAndCommerce, null, [Track.Industry]));
        helpers.Add(new HelperProfile("wchscu", "四川大学华西医院", "West China Hospital, Sichuan University", HelperKind.Institution, null, [Track.Health]));
        helpers.Add(new HelperProfile("zjph", "浙江省人民医院", "Zhejiang Provincial People's Hospital", HelperKind.Institution, null, [Track.Health]));
        helpers.Add(new HelperProfile("dafang-hospital", "大方县人民医院", "Dafang County People's Hospital", HelperKind.LocalInstitution, "520521", []));
        helpers.Add(new HelperProfile("bijie-first-hospital", "毕节市第一人民医院", "Bijie First People's Hospital", HelperKind.LocalInstitution, "5205", []));
        for (var i = 0; i < 108; i++)
        {
            var party = PartyShort[i % PartyShort.Length];
            var province = Provinces[i / PartyShort.Length % Provinces.Length];
            helpers.Add(new HelperProfile($"unit-{i + 1:000}", $"{party}{province}委会帮扶组", null, HelperKind.Unit, null, []));
        }

        return helpers;
    }

    private static List<EnterpriseProfile> BuildEnterprises(Random random)
    {
        var enterprises = new List<EnterpriseProfile>();
        var codes = new HashSet<string>();
        const string orgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        while (enterprises.Count < 508)
        {
            var (division, province) = Registrations[random.Next(Registrations.Length)];
            var org = new string(Enumerable.Range(0, 8).Select(_ => orgAlphabet[random.Next(10 + (random.Next(4) == 0 ? 21 : 0))]).ToArray());
            var first17 = $"91{division}{org}{OrganizationCheck(org)}";
            var code = first17 + CreditCodes.CheckCharacter(first17);
            if (!codes.Add(code))
            {
                continue;
            }

            var name = $"{(province == "贵州" ? "贵州" : province)}{Brands[random.Next(Brands.Length)]}{Brands[random.Next(Brands.Length)]}{Trades[random.Next(Trades.Length)]}有限公司";
            enterprises.Add(new EnterpriseProfile(code, name, Trades[random.Next(Trades.Length)], province));
        }

        return enterprises;
    }

    /// <summary>The GB 11714 check character of an 8-character organisation code body.</summary>
    private static char OrganizationCheck(string body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i]).Sum();
        var check = 11 - (sum % 11);
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    private List<StartPairing> BuildPairings(Random random)
    {
        var pairings = new List<StartPairing>();
        var staff = 0;
        string Staff() => $"staff-{staff++ % 45 + 1:000}";

        // Regional pairings: long-standing, on the regional track.
        foreach (var r in Regional)
        {
            pairings.Add(new StartPairing(PairingKind.Regional, r.Id, null, r.County, null, Track.Regional, new DateOnly(1988, 8, 1), Staff()));
        }

        // 点对点: the article's two hospital pairings.
        pairings.Add(new StartPairing(PairingKind.Institution, "wchscu", null, null, "dafang-hospital", Track.Health, new DateOnly(2023, 7, 20), Staff()));
        pairings.Add(new StartPairing(PairingKind.Institution, "zjph", null, null, "bijie-first-hospital", Track.Health, new DateOnly(2023, 8, 8), Staff()));

        // 108 units with 74 townships.
        var townships = Shuffle(DivisionCatalog.Bijie.All.Where(d => d.Level == LocalityLevel.Township).Select(d => d.Code).Order(StringComparer.Ordinal), random).Take(74).ToArray();
        for (var i = 0; i < 108; i++)
        {
            pairings.Add(new StartPairing(PairingKind.Township, $"unit-{i + 1:000}", null, townships[i % townships.Length], null, null,
                new DateOnly(Year, 7 + (i % 4), 1 + (i % 27)), Staff()));
        }

        // 508 enterprises with 551 villages; 金山 and 银山 first, and two enterprises paired with both.
        const string jinshan = "520527004002", yinshan = "520527004003";
        var villages = new[] { jinshan, yinshan }
            .Concat(Shuffle(DivisionCatalog.Bijie.All.Where(d => d.Level == LocalityLevel.Village && d.Code is not jinshan and not yinshan).Select(d => d.Code).Order(StringComparer.Ordinal), random).Take(549))
            .ToArray();
        DateOnly EvStart(int i) => new(Year, 7 + (i % 5), 1 + (i % 28));
        for (var i = 0; i < 508; i++)
        {
            pairings.Add(new StartPairing(PairingKind.EnterpriseVillage, null, Enterprises[i].CreditCode, villages[i], null, null, EvStart(i), Staff()));
        }

        for (var j = 0; j < 43; j++)
        {
            pairings.Add(new StartPairing(PairingKind.EnterpriseVillage, null, Enterprises[j].CreditCode, villages[508 + j], null, null, EvStart(j + 1), Staff()));
        }

        pairings.Add(new StartPairing(PairingKind.EnterpriseVillage, null, Enterprises[0].CreditCode, yinshan, null, null, EvStart(3), Staff()));
        pairings.Add(new StartPairing(PairingKind.EnterpriseVillage, null, Enterprises[1].CreditCode, jinshan, null, null, EvStart(4), Staff()));
        return pairings;
    }

    private static List<DemoProject> BuildProjects()
    {
        var projects = new List<DemoProject>();
        var domainLeads = ProvincialIds.Concat(Regional.Select(r => r.Id)).Concat(["cves", "gzfic", "wchscu", "zjph"]).ToArray();
        Track[] domains = [Track.Technology, Track.Industry, Track.Education, Track.Health, Track.Talent];
        var staff = 0;
        string Staff() => $"staff-{staff++ % 45 + 1:000}";

        // 2022: 158 regional projects, done within the year.
        for (var i = 0; i < 158; i++)
        {
            var r = Regional[i % Regional.Length];
            var proposed = new DateOnly(2022, 2 + (i % 6), 1 + (i % 27));
            projects.Add(new DemoProject($"bj2022-r{i + 1:000}", $"{r.Name}地域帮扶项目（2022-{i + 1:000}）", Track.Regional, r.County, r.Id, [], Staff(),
                proposed, DemoStage.Completed, null, 500_000m + i * 10_000m));
        }

        // 2023 under way: 656, of which 200 on the regional track; 同心家园 at 金山/银山 first among the domain projects.
        for (var i = 0; i < 656; i++)
        {
            var proposed = new DateOnly(Year, 7, 1 + (i % 28));
            if (i < 200)
            {
                var r = Regional[i % Regional.Length];
                projects.Add(new DemoProject($"bj2023-r{i + 1:000}", $"{r.Name}地域帮扶项目（2023-{i + 1:000}）", Track.Regional, r.County, r.Id, [], Staff(),
                    proposed, DemoStage.InProgress, null, 800_000m + i * 5_000m));
                continue;
            }

            var k = i - 200;
            if (k < TongxinProjects.Length)
            {
                projects.Add(new DemoProject($"bj2023-tx{k + 1}", $"同心家园·{TongxinProjects[k]}", k switch { 0 => Track.Industry, 3 => Track.Health, _ => Track.Education },
                    k % 2 == 0 ? "520527004002" : "520527004003", Regional[k].Id, [Regional[(k + 1) % 8].Id, Regional[(k + 2) % 8].Id, "minmeng-guizhou"], Staff(),
                    proposed, DemoStage.InProgress, null, 3_000_000m));
                continue;
            }

            var track = domains[k % domains.Length];
            var lead = domainLeads[k % domainLeads.Length];
            var co = domainLeads[(k + 3) % domainLeads.Length];
            var county = Regional[k % Regional.Length].County;
            projects.Add(new DemoProject($"bj2023-d{k + 1:000}", $"{track.NameZh()}领域组团帮扶项目（2023-{k + 1:000}）", track, county, lead, co == lead ? [] : [co], Staff(),
                proposed, DemoStage.InProgress, null, 1_000_000m + k * 1_000m));
        }

        // 2023 in the library: 421 (64 regional), 42 of them planned for 2024.
        for (var i = 0; i < 421; i++)
        {
            var proposed = new DateOnly(Year, 9 + (i % 3), 1 + (i % 28));
            var regional = i < 64;
            var r = Regional[i % Regional.Length];
            var track = regional ? Track.Regional : domains[i % domains.Length];
            projects.Add(new DemoProject($"bj2023-l{i + 1:000}", $"示范区建设项目库项目（2023-{i + 1:000}）", track, r.County,
                regional ? r.Id : domainLeads[i % domainLeads.Length], [], Staff(), proposed,
                i < 42 ? DemoStage.Planned : DemoStage.InLibrary, i < 42 ? Year + 1 : null, 2_000_000m));
        }

        return projects;
    }

    private List<ReportSubmission> BuildReports(Random random)
    {
        var reports = new List<ReportSubmission>();
        var regional = Pairings.Where(p => p.Kind == PairingKind.Regional).Select(PairingIds.For).ToArray();
        var inProgress = Projects.Where(p => p.Stage == DemoStage.InProgress).ToArray();
        string[] ProjectsOf(Track track) => inProgress.Where(p => p.Track == track).Select(p => p.Id).ToArray();
        DateOnly Late(int i) => new(Year, 9 + (i % 4), 1 + (i % 28)); // after every 2023 project started

        void Add(string subject, bool pairing, DateOnly date, Dictionary<string, decimal> values) =>
            reports.Add(new ReportSubmission(pairing ? subject : null, pairing ? null : subject, date,
                values.Where(v => v.Value != 0).ToDictionary(v => v.Key, v => v.Value), $"demo-{reports.Count + 1:0000}"));

        // Research visits (调研指导): 76 batches / 1,718 person-times in 2023; 607 person-times in 2022; each a
        // national committee's visit to the county it is paired with.
        var regionalPairings = Pairings.Where(p => p.Kind == PairingKind.Regional).ToArray();
        void Visit(int n, DateOnly from, decimal personTimes)
        {
            var pairing = regionalPairings[n % regionalPairings.Length];
            var id = $"demo-visit-{from.Year}-{n + 1:000}";
            Visits.Add((id, new RecordVisit($"{from.Year}年第{n + 1}批", pairing.HelperId!, Track.Regional, [], (int)personTimes,
                [pairing.LocalityCode!], from, from.AddDays(2), "调研指导")));
        }

        var visits2023 = Split(1718, 76, random);
        for (var i = 0; i < 76; i++)
        {
            Visit(i, new DateOnly(Year, 7 + (i % 6), 1 + (i % 28)), visits2023[i]);
        }

        var visits2022 = Split(607, 31, random);
        for (var i = 0; i < 31; i++)
        {
            Visit(i, new DateOnly(2022, 3 + (i % 9), 1 + (i % 28)), visits2022[i]);
        }

        // Technology: 21 expert service batches, about 300 person-times, by teams of the technology projects' leads.
        var technologyProjects = inProgress.Where(p => p.Track == Track.Technology).ToArray();
        var experts = Split(300, 21, random);
        for (var i = 0; i < 21; i++)
        {
            var project = technologyProjects[i % technologyProjects.Length];
            var teamId = $"demo-experts-{project.LeadHelperId}";
            if (ExpertTeams.All(t => t.Id != teamId))
            {
                var lead = Helpers.First(h => h.Id == project.LeadHelperId);
                ExpertTeams.Add((teamId, new RegisterExpertTeam($"{lead.NameZh}科技专家服务团", ExpertTeamKind.ServiceTeam, Track.Technology, [lead.Id], [])));
            }

            var from = Late(i);
            ServiceBatches.Add((teamId, $"demo-batch-{i + 1:000}", new RecordServiceBatch($"{Year}年第{i + 1}批", [project.LocalityCode], from, from.AddDays(3), (int)experts[i], "专家服务、培训")));
        }

        // Industry: about 90 investment visits; 180.92 亿元 signed, 27.58 亿元 landed.
        var industry = ProjectsOf(Track.Industry);
        var signed = Split(18_092_000_000, 90, random);
        var landed = Split(2_758_000_000, 90, random);
        for (var i = 0; i < 90; i++)
        {
            Add(industry[i % industry.Length], false, Late(i), new()
            {
                [Indicators.InvestmentVisits] = 1, [Indicators.InvestmentSignedYuan] = signed[i], [Indicators.InvestmentLandedYuan] = landed[i],
            });
        }

        // Education: 21.32 万人次 of teacher and student training.
        var education = ProjectsOf(Track.Education);
        var trained = Split(213_200, 120, random);
        for (var i = 0; i < 120; i++)
        {
            Add(education[i % education.Length], false, Late(i), new() { [Indicators.EducationTrainingPersonTimes] = trained[i] });
        }

        // Health: 2.76 万人次 of free clinics, on health projects and the two hospital pairings.
        var health = ProjectsOf(Track.Health).Select(p => (p, false))
            .Concat(Pairings.Where(p => p.Kind == PairingKind.Institution).Select(p => (PairingIds.For(p), true))).ToArray();
        var clinics = Split(27_600, 60, random);
        for (var i = 0; i < 60; i++)
        {
            var (subject, isPairing) = health[i % health.Length];
            Add(subject, isPairing, Late(i), new() { [Indicators.ClinicPersonTimes] = clinics[i] });
        }

        // Talent: 6.62 万人次 of order-based vocational training.
        var talent = ProjectsOf(Track.Talent);
        var orders = Split(66_200, 80, random);
        for (var i = 0; i < 80; i++)
        {
            Add(talent[i % talent.Length], false, Late(i), new() { [Indicators.TalentTrainingPersonTimes] = orders[i] });
        }

        return reports;
    }

    /// <summary>Splits a whole total into positive whole parts that add up to it exactly.</summary>
    private static decimal[] Split(long total, int parts, Random random)
    {
        var weights = Enumerable.Range(0, parts).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var shares = weights.Select(w => Math.Max(1L, (long)Math.Floor(total * w / sum))).ToArray();
        var left = total - shares.Sum();
        for (var i = 0; left != 0; i = (i + 1) % parts)
        {
            var step = Math.Sign(left);
            if (shares[i] + step >= 1)
            {
                shares[i] += step;
                left -= step;
            }
        }

        return shares.Select(s => (decimal)s).ToArray();
    }

    private static List<string> Shuffle(IEnumerable<string> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
