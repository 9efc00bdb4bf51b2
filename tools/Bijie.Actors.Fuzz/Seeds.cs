using System.Text;
using System.Text.Json;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// A request known to be valid for its owner: the fuzzer mutates it. <see cref="Wrong"/> names the keys that must be
/// refused even with this valid request (another tenant's, or a role that may not do it); <see cref="Odd"/> says
/// whether the owner may be sent odd but well-formed content (false for admin-only operations and sign-in).
/// </summary>
internal sealed record Seed(
    string Operation,
    string Method,
    string Template,
    IReadOnlyDictionary<string, string> PathValues,
    string? Json,
    string Owner,
    IReadOnlyList<string> Wrong,
    bool IdempotencyKey = false,
    bool IfMatch = false,
    bool Odd = true,
    string Query = "",
    byte[]? Raw = null,
    string? RawContentType = null);

/// <summary>The seeds of the operations the fuzzer knows; operations it does not know get a body from their schema.</summary>
internal static class Seeds
{
    private static readonly string[] NotOffice = ["helperA", "helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"];
    private static readonly string[] NotAdmin = ["office", "helperA", "enterprise", "viewer"];

    private static string J(object body) => JsonSerializer.Serialize(body);

    private static Dictionary<string, string> P(params (string Name, string Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    public static IEnumerable<Seed> For(Fixtures f, string operation, string method, string template)
    {
        var none = P();
        switch (operation)
        {
            case "SignIn":
                yield return new Seed(operation, method, template, none, J(new { userName = $"fuzz-{f.Tag}-nobody", password = "not-the-password-1" }), "anonymous", [], Odd: false);
                break;
            case "SignOut":
                yield return new Seed(operation, method, template, none, null, "helperA", [], Odd: false);
                break;
            case "CreateAccount":
                yield return new Seed(operation, method, template, none,
                    J(new { userName = $"fuzz-{f.Tag}-acct", displayName = "模糊测试账号", role = "Helper", organizationId = f.HelperA, password = "fuzz-password-123456" }), "admin", NotAdmin, Odd: false);
                break;
            case "IssueApiKey":
                yield return new Seed(operation, method, template, none, J(new { owner = $"fuzz {f.Tag} extra", role = "Viewer" }), "admin", NotAdmin, Odd: false);
                break;
            case "RevokeApiKey":
                yield return new Seed(operation, method, template, P(("id", f.KeyIds["viewer"])), null, "admin", NotAdmin, Odd: false);
                break;
            case "StartPairing":
                yield return new Seed(operation, method, template, none,
                    J(new { kind = "Township", helperId = f.HelperA, localityCode = f.TownshipNew, start = f.Date(-10), responsibleStaffId = "staff-003", note = "结对" }), "office", NotOffice);
                yield return new Seed(operation, method, template, none,
                    J(new { kind = "EnterpriseVillage", enterpriseCode = f.Enterprise, localityCode = f.Village, domain = "Industry", start = f.Date(-10), responsibleStaffId = "staff-003" }), "office", NotOffice);
                break;
            case "AssignPairingResponsible":
                yield return new Seed(operation, method, template, P(("id", f.PairingA2)), J(new { staffId = "staff-004" }), "office", NotOffice, IfMatch: true);
                break;
            case "EndPairing":
                yield return new Seed(operation, method, template, P(("id", f.PairingA2)), J(new { end = f.Date(), reason = "期满" }), "office", NotOffice, IfMatch: true);
                break;
            case "ProposeProject":
                yield return new Seed(operation, method, template, none, J(f.ProjectBody(null, f.HelperA, f.TownshipA)), "office", NotOffice, IdempotencyKey: true);
                break;
            case "TransitionProject":
                yield return new Seed(operation, method, template, P(("id", f.ProjectA2)), J(new { to = "InLibrary", on = f.Date(), reason = "入库" }), "office", NotOffice, IfMatch: true);
                yield return new Seed(operation, method, template, P(("id", f.ProjectA2)), J(new { to = "Cancelled", on = f.Date(), reason = "取消" }), "office", NotOffice, IfMatch: true);
                break;
            case "UpdateProjectProgress":
                yield return new Seed(operation, method, template, P(("id", f.ProjectA)),
                    J(new { money = new { plannedYuan = 1_000_000m, signedYuan = 200_000.50m, landedYuan = 100_000m }, milestones = new[] { new { id = "m1", title = "启动", due = f.Date(30), percentComplete = 50 } } }),
                    "office", NotOffice, IfMatch: true);
                break;
            case "AssignProjectResponsible":
                yield return new Seed(operation, method, template, P(("id", f.ProjectA)), J(new { staffId = "staff-008" }), "office", NotOffice, IfMatch: true);
                break;
            case "SubmitReport":
                yield return new Seed(operation, method, template, none, J(f.ReportBody(f.PairingA, null)), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                yield return new Seed(operation, method, template, none, J(f.ReportBody(null, f.ProjectA)), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                yield return new Seed(operation, method, template, none, J(f.ReportBody(f.PairingE, null)), "enterprise", ["helperA", "helperB", "enterpriseB", "localityB", "viewer"], IdempotencyKey: true);
                break;
            case "CheckReport":
                yield return new Seed(operation, method, template, none, J(f.ReportBody(f.PairingA, null)), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"]);
                break;
            case "ReverseReport":
                yield return new Seed(operation, method, template, P(("id", f.ReportA)), J(new { reason = "更正" }), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                yield return new Seed(operation, method, template, P(("id", f.ReportE)), J(new { reason = "更正" }), "enterprise", ["helperA", "helperB", "enterpriseB", "localityB", "viewer"], IdempotencyKey: true);
                break;
            case "CorrectReport":
                yield return new Seed(operation, method, template, P(("id", f.ReportA)), J(f.ReportBody(f.PairingA, null)), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                yield return new Seed(operation, method, template, P(("id", f.ReportE)), J(f.ReportBody(f.PairingE, null)), "enterprise", ["helperA", "helperB", "enterpriseB", "localityB", "viewer"], IdempotencyKey: true);
                break;
            case "ReviewReport":
                yield return new Seed(operation, method, template, P(("id", f.ReportA)), J(new { decision = "Return", reason = "与台账不符" }), "office", NotOffice);
                break;
            case "ApproveReports":
                // Fixed at ledger position 0: the set is empty, so the office's own call approves nothing either.
                yield return new Seed(operation, method, template, none, J(new { filter = new { helper = f.HelperA, year = f.Today.Year }, through = 0, limit = 10 }), "office", NotOffice);
                break;
            case "RegisterHelper":
                yield return new Seed(operation, method, template, P(("id", f.HelperA)),
                    J(new { nameZh = $"模糊测试单位甲{f.Tag}", nameEn = "Fuzz helper A", kind = "Unit", strengths = new[] { "Health", "Talent" } }), "office", NotOffice);
                break;
            case "RegisterEnterprise":
                yield return new Seed(operation, method, template, P(("creditCode", f.Enterprise)), J(new { name = $"模糊测试企业{f.Tag}", industry = "农业", province = "贵州" }), "office", NotOffice);
                break;
            case "Import":
                foreach (var (kind, csv) in f.ImportCsv)
                {
                    yield return new Seed(operation, method, template, P(("kind", kind)), null, "office", NotOffice, Query: "?dryRun=true",
                        Raw: Encoding.UTF8.GetBytes(csv), RawContentType: "text/csv");
                }

                break;
            case "RaiseMatter":
                yield return new Seed(operation, method, template, none, J(f.MatterBody(f.HelperA)), "office", NotOffice, IdempotencyKey: true);
                break;
            case "AdvanceMatter":
                yield return new Seed(operation, method, template, P(("id", f.MatterA)), J(new { step = "Undertaken", note = "已对接" }), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IfMatch: true);
                break;
            case "PostNeed":
                yield return new Seed(operation, method, template, none, J(f.NeedBody()), "office", ["helperA", "helperB", "enterprise", "viewer"], IdempotencyKey: true);
                yield return new Seed(operation, method, template, none, J(f.NeedBody()), "localityA", ["localityB", "helperA", "enterprise", "viewer"], IdempotencyKey: true);
                break;
            case "MatchNeed":
                yield return new Seed(operation, method, template, P(("id", f.Need)), J(new { helperId = f.HelperA, responsibleStaffId = "staff-009" }), "office", NotOffice);
                break;
            case "CloseNeed":
                yield return new Seed(operation, method, template, P(("id", f.Need)), J(new { status = "Withdrawn" }), "office", ["helperA", "helperB", "enterprise", "localityB", "viewer"]);
                yield return new Seed(operation, method, template, P(("id", f.NeedA)), J(new { status = "Withdrawn" }), "localityA", ["localityB", "helperA", "enterprise", "viewer"]);
                break;
            case "CreateWebhook":
                yield return new Seed(operation, method, template, none, J(new { url = "https://203.0.113.9/fuzz-hook", events = new[] { "report.accepted", "need.matched" } }), "office", NotOffice);
                break;
            case "DeactivateWebhook":
                yield return new Seed(operation, method, template, P(("id", f.Webhook)), null, "office", NotOffice);
                break;
            case "RetryWebhookDeadLetter":
                // No such dead letter: nothing is retried even if a check were missing, and the refusals are what is tried.
                yield return new Seed(operation, method, template, P(("id", f.Webhook), ("deliveryId", Guid.NewGuid().ToString())), null, "office", NotOffice, Odd: false);
                break;
            case "ChangePassword":
                // A key has no password: the owner's request is refused too; what is tried is that no caller without a valid key gets past.
                yield return new Seed(operation, method, template, none, J(new { currentPassword = "not-the-password-1", newPassword = "fuzz-password-654321" }), "helperA", [], Odd: false);
                break;
            case "DisableAccount" or "EnableAccount":
                yield return new Seed(operation, method, template, P(("userName", $"fuzz-{f.Tag}-nobody")), null, "admin", NotAdmin, Odd: false);
                break;
            case "ResetPassword":
                yield return new Seed(operation, method, template, P(("userName", $"fuzz-{f.Tag}-nobody")), J(new { password = "fuzz-password-654321" }), "admin", NotAdmin, Odd: false);
                break;
            case "MarkNotificationRead":
                yield return new Seed(operation, method, template, P(("id", Guid.NewGuid().ToString())), null, "helperA", [], Odd: true);
                break;
            case "ImportHistory":
                yield return new Seed(operation, method, template, none,
                    J(new[] { new { code = $"fuzz_{f.Tag}", nameZh = "模糊测试总数", nameEn = "Fuzz total", unit = "个", value = 1m, throughYear = 2024 } }), "office", NotOffice);
                break;
            case "ReplaceValidationRules":
                // The defaults again: a fuzzed catalogue that is still valid must not start refusing the other seeds' reports.
                yield return new Seed(operation, method, template, none,
                    J(new[] { new { id = "landed-not-above-signed", kind = "NotAbove", indicator = "investment_landed_yuan", other = "investment_signed_yuan",
                        severity = "Warn", nameZh = "落地金额不高于签约金额", nameEn = "Money landed not above money signed" } }), "office", NotOffice, Odd: false);
                break;
            case "RemindResponsiblePersons":
                yield return new Seed(operation, method, template, none, null, "office", NotOffice);
                break;
            case "SetPeriodDeadline":
                yield return new Seed(operation, method, template, P(("period", $"{f.Today.Year + 1}Q4")), J(new { deadline = $"{f.Today.Year + 2}-01-20" }), "office", NotOffice);
                break;
            case "ApproveBatch":
                yield return new Seed(operation, method, template, P(("period", $"{f.Today.Year - 1}Q4"), ("unit", f.TownshipA)), null, "office",
                    ["helperA", "helperB", "enterprise", "enterpriseB", "localityB", "viewer"]);
                break;
            case "UnapproveBatch":
                yield return new Seed(operation, method, template, P(("period", $"{f.Today.Year - 1}Q4"), ("unit", f.TownshipA)), J(new { reason = "数据有误" }), "office",
                    ["helperA", "helperB", "enterprise", "enterpriseB", "localityB", "viewer"]);
                break;
            case "GrantPeriodException":
                yield return new Seed(operation, method, template, P(("period", $"{f.Today.Year - 1}Q4"), ("subjectId", f.PairingA)), J(new { until = f.Date(7), reason = "补报" }), "office", NotOffice);
                break;
            case "RevokePeriodException":
                yield return new Seed(operation, method, template, P(("period", $"{f.Today.Year - 1}Q4"), ("subjectId", f.PairingA)), null, "office", NotOffice);
                break;
            case "RecordVisit":
                yield return new Seed(operation, method, template, none, J(f.VisitBody(f.HelperA, f.TownshipA)), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                break;
            case "WithdrawVisit":
                yield return new Seed(operation, method, template, P(("id", f.VisitA)), J(new { reason = "重复录入" }), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"]);
                break;
            case "RegisterExpertTeam":
                yield return new Seed(operation, method, template, P(("id", f.TeamA)), J(f.TeamBody(f.HelperA)), "office", NotOffice);
                break;
            case "RecordServiceBatch":
                yield return new Seed(operation, method, template, P(("id", f.TeamA)), J(f.BatchBody()), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"], IdempotencyKey: true);
                break;
            case "WithdrawServiceBatch":
                yield return new Seed(operation, method, template, P(("id", f.TeamA), ("entryId", f.BatchA)), J(new { reason = "重复" }), "helperA", ["helperB", "enterprise", "enterpriseB", "localityA", "localityB", "viewer"]);
                break;
            case "RegisterPlatform":
                yield return new Seed(operation, method, template, P(("id", f.Platform)), J(f.PlatformBody()), "office", NotOffice);
                break;
        }
    }
}
