namespace Bijie.Actors.Abstractions;

/// <summary>The four kinds of pairing.</summary>
public enum PairingKind
{
    /// <summary>地域帮扶: a party's national committee (or ACFIC) with a county.</summary>
    Regional = 0,

    /// <summary>结成帮扶对子: a unit with a township.</summary>
    Township = 1,

    /// <summary>村企结对共建: an enterprise with a village.</summary>
    EnterpriseVillage = 2,

    /// <summary>点对点: an institution with a local institution (四川大学华西医院 ↔ 大方县人民医院).</summary>
    Institution = 3,
}
