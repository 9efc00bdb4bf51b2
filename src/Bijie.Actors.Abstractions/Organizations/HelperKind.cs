namespace Bijie.Actors.Abstractions;

/// <summary>Kinds of helper organisation (帮扶单位) and of the local institutions they pair with.</summary>
public enum HelperKind
{
    /// <summary>A party's national committee (民主党派中央), e.g. 农工党中央.</summary>
    PartyCentralCommittee = 0,

    /// <summary>A party's provincial committee, e.g. 民盟贵州省委会.</summary>
    PartyProvincialCommittee = 1,

    /// <summary>A federation of industry and commerce (全国工商联, 省工商联).</summary>
    FederationOfIndustryAndCommerce = 2,

    /// <summary>中华职业教育社.</summary>
    VocationalEducationSociety = 3,

    /// <summary>An institution that helps: a hospital, university or school.</summary>
    Institution = 4,

    /// <summary>A unit organised by a party or federation to pair with a township.</summary>
    Unit = 5,

    /// <summary>An institution in Bijie that is helped (大方县人民医院).</summary>
    LocalInstitution = 6,
}
