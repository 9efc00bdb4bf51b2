namespace Bijie.Actors.Abstractions;

/// <summary>Levels of Bijie's division tree (GB/T 2260 and the statistical division codes).</summary>
public enum LocalityLevel
{
    /// <summary>毕节市, code of 4 digits (5205).</summary>
    City = 0,

    /// <summary>县（市、区）, 6 digits.</summary>
    County = 1,

    /// <summary>乡镇（街道）, 9 digits.</summary>
    Township = 2,

    /// <summary>村（社区）, 12 digits.</summary>
    Village = 3,
}
