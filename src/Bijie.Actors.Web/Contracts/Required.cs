namespace Bijie.Actors.Web.Contracts;

/// <summary>A request field a command cannot do without: missing, it is a 400 naming the field, with the code its rule answers under.</summary>
public static class Required
{
    public static T Of<T>(T? value, string code, string field)
        where T : struct => value ?? throw Missing(code, field);

    public static T Of<T>(T? value, string code, string field)
        where T : class => value ?? throw Missing(code, field);

    private static DomainException Missing(string code, string field) => DomainException.Invalid(code, $"{field} is required.", field);
}
