using System.Text;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// The values mutations put in place of a field, as raw JSON text (so that escapes such as a lone surrogate
/// reach the server as written). "Refused" lists hold values no field of their kind may take; "odd" lists hold
/// values that are well-formed and may be legitimate.
/// </summary>
internal static class Values
{
    /// <summary>A JSON string literal, escaping only what JSON requires (the rest goes as UTF-8).</summary>
    public static string Str(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\u{(int)c:x4}",
                _ when char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }

    /// <summary>Injection strings: SQL, markup, templates, JNDI, paths, format strings, header splitting.</summary>
    public static readonly string[] Injections =
    [
        "'; DROP TABLE ledger_entries; --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "' OR '1'='1",
        "1; SELECT pg_sleep(5)",
        "%s%s%s%n",
        "\r\nX-Injected: 1",
        "$where: '1 == 1'",
        "=cmd|' /C calc'!A0",
    ];

    /// <summary>Unicode edge cases, as JSON string literals (escapes kept).</summary>
    public static readonly string[] Unicode =
    [
        "\"\\ud800\"",                      // a lone high surrogate
        "\"a\\udc00b\"",                    // a lone low surrogate
        "\"\\udbff\\udfff\"",               // U+10FFFF, the last code point
        "\"\\u202eevil\\u202c.txt\"",       // right-to-left override
        "\"\\ud83d\\udc68\\u200d\\ud83d\\udc69\\u200d\\ud83d\\udc67\"", // a family: emoji joined by ZWJ
        "\"\\u0000\"",                      // NUL alone
        "\"x\\u0000y\"",                    // NUL inside
        "\"e\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\"", // stacked combining marks
        "\"\\ufeff\\u200b\"",               // BOM and zero-width space
        "\"\\u0007\\u001b[31m\\u007f\"",    // control characters
        "\"\\uffff\\ufffe\"",               // non-characters
        "\"\u6bd5\u8282\u0301\"",           // CJK with a combining mark
        "\"   \"",
        "\"\"",
    ];

    /// <summary>Text content a legitimate writer might send, odd or hostile, well-formed JSON strings all.</summary>
    public static IEnumerable<string> OddText()
    {
        foreach (var s in Injections)
        {
            yield return Str(s);
        }

        foreach (var s in Unicode)
        {
            yield return s;
        }

        yield return Str(new string('长', 5_000));
        yield return Str(new string('a', 100_000));
    }

    /// <summary>Division codes that name no locality of Bijie or are not written as one.</summary>
    public static readonly string[] BadCodes =
    [
        "52052", "999999", "520527004002000", "5205270040029", "52052700400", " 520527", "520527 ", "\u3000520527",
        "\uff15\uff12\uff10\uff15", "52052\uff17", "520527004OO2", "-520527", "5.205e3", "0x5205", "520527\u0000", "null",
        "110101", "520527999", "520527004999",
    ];

    /// <summary>Division codes of Bijie at some level: right or wrong for the field, but real.</summary>
    public static readonly string[] BorderCodes = ["5205", "520527", "520527004", "520527004002", "520502", "520502003"];

    /// <summary>Credit codes that are not valid: wrong check character, lower case, 17 or 19 characters, letters GB 32100 excludes.</summary>
    public static IEnumerable<string> BadCreditCodes(string valid)
    {
        var check = valid[17] == '0' ? '1' : '0';
        yield return valid[..17] + check;
        yield return valid.ToLowerInvariant() is var lower && lower != valid ? lower : valid[..16] + "a" + valid[17];
        yield return valid[..17];
        yield return valid + "0";
        yield return valid[..17] + "I";
        yield return " " + valid;
        yield return valid + " ";
        yield return string.Concat(valid.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '\uff10') : c));
        yield return "000000000000000000";
        yield return "";
    }

    /// <summary>Dates that are no dates, as JSON.</summary>
    public static readonly string[] BadDates =
    [
        "\"2023-02-29\"", "\"2023-13-01\"", "\"2023-00-10\"", "\"2024-04-31\"", "\"not-a-date\"", "\"\"", "\"9999-12-32\"", "\"0000-01-01\"",
        "\"2023-1-1T\"", "\"10000-01-01\"", "\"-2023-01-01\"", "\"2023-06-15'; --\"",
    ];

    /// <summary>Dates at the edges of what a DateOnly holds, or rare ones.</summary>
    public static readonly string[] BorderDates = ["\"0001-01-01\"", "\"9999-12-31\"", "\"2024-02-29\"", "\"1970-01-01\"", "\"1900-01-01\"", "\"2100-01-01\""];

    /// <summary>Numbers no decimal or int holds, or no number at all.</summary>
    public static readonly string[] BadNumbers = ["1e30", "1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"abc\"", "\"1,000\"", "\"\"", "79228162514264337593543950336"];

    /// <summary>Numbers that are numbers: negative, zero, negative zero, fractions beyond two places, large.</summary>
    public static readonly string[] BorderNumbers = ["-1", "-0", "0", "0.001", "12.345", "1e20", "2147483647", "-2147483648", "0.1e1", "100000000000"];

    /// <summary>JSON of another type than <paramref name="kind"/>.</summary>
    public static string[] WrongTypes(System.Text.Json.JsonValueKind kind) => kind switch
    {
        System.Text.Json.JsonValueKind.String => ["12345", "true", "{}", "[]", "{\"$ref\":\"x\"}", "[\"a\",\"b\"]", "-0.5"],
        System.Text.Json.JsonValueKind.Number => ["true", "{}", "[]", "\"abc\"", "[1]"],
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => ["\"yes\"", "{}", "[]", "2"],
        System.Text.Json.JsonValueKind.Array => ["\"x\"", "{}", "42", "true", "{\"0\":\"a\"}"],
        System.Text.Json.JsonValueKind.Object => ["\"x\"", "[]", "42", "true", "[{}]"],
        _ => ["{}"],
    };

    /// <summary>Undefined enum members: names that are not members, integers that are none.</summary>
    public static readonly string[] BadEnums = ["\"NoSuchMember\"", "12345", "-1", "\"\"", "\"Township; DROP TABLE x\"", "\"999\"", "1.5"];

    /// <summary>Deeply nested arrays and objects (depth <paramref name="depth"/>).</summary>
    public static string DeepArray(int depth) => new string('[', depth) + new string(']', depth);

    public static string DeepObject(int depth)
    {
        var b = new StringBuilder(depth * 7);
        for (var i = 0; i < depth; i++)
        {
            b.Append("{\"a\":");
        }

        b.Append("1");
        b.Append('}', depth);
        return b.ToString();
    }

    /// <summary>Bodies that are not JSON, or not the JSON an object is.</summary>
    public static IEnumerable<(string Name, string Body)> BrokenBodies(string seed)
    {
        yield return ("truncated", seed.Length > 2 ? seed[..(seed.Length / 2)] : "{");
        yield return ("trailing-garbage", seed + "}}}");
        yield return ("single-quotes", seed.Replace('"', '\''));
        yield return ("comments", "/* x */" + seed);
        yield return ("trailing-comma", seed.Length > 1 && seed.EndsWith('}') ? seed[..^1] + ",}" : seed + ",");
        yield return ("empty", "");
        yield return ("whitespace", "   \n\t ");
        yield return ("null", "null");
        yield return ("number", "42");
        yield return ("string", "\"x\"");
        yield return ("array-of-seed", seed.StartsWith('[') ? "{}" : "[" + seed + "]");
        yield return ("deep-array-10000", DeepArray(10_000));
        yield return ("deep-object-10000", DeepObject(10_000));
        yield return ("deep-array-65", DeepArray(65));
        yield return ("nul-bytes", "\0\0\0");
        yield return ("bom-garbage", "\ufeff\ufeff{");
        yield return ("unterminated-string", "{\"a\":\"" + new string('x', 1000));
        yield return ("nan-literal", "{\"a\":NaN}");
        yield return ("huge-1.2MB", "{\"a\":\"" + new string('x', 1_200_000) + "\"}");
    }
}
