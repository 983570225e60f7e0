namespace CloudGov.Demo;

/// <summary>
/// A Guangxi-shaped one cloud: three province-level zones from different vendors, an isolated intranet zone,
/// eight prefecture-level city zones and four county zones. Some zones start hot, most are under-used — the
/// situation the scheduler exists for.
/// </summary>
public static class DemoCloud
{
    private static readonly string[] ProvinceTenants = ["gx-gat", "gx-wjw", "gx-rst", "gx-jyt", "gx-zrzyt", "gx-sjj"];

    /// <summary>The demo zones.</summary>
    public static IReadOnlyList<DemoZone> Zones { get; } =
    [
        new("gx-prov-hcs", "广西壮族自治区政务云（华为云Stack）", "Province", "450000", "Huawei Cloud Stack", 3, "EGovExtranet", 4000, 480, 0.62, ProvinceTenants),
        new("gx-prov-apsara", "广西壮族自治区政务云（阿里云Apsara Stack）", "Province", "450000", "Alibaba Apsara Stack", 3, "EGovExtranet", 3200, 360, 0.48, ProvinceTenants),
        new("gx-prov-internet-tce", "广西互联网区政务云（腾讯云TCE）", "Province", "450000", "Tencent TCE", 3, "Internet", 1600, 220, 0.55, ["gx-sjj", "gx-rst", "gx-jyt"]),
        new("gx-prov-intranet", "广西政务内网云", "Province", "450000", "Inspur InCloud", 4, "EGovIntranet", 800, 90, 0.40, ["gx-gat", "gx-bmj"]),
        new("gx-nanning-hcs", "南宁市政务云（华为云Stack）", "City", "450100", "Huawei Cloud Stack", 3, "EGovExtranet", 1600, 300, 0.88, ["nn-rsj", "nn-wjw", "nn-gaj", "nn-zfcxj"]),
        new("gx-liuzhou-inspur", "柳州市政务云（浪潮云）", "City", "450200", "Inspur Cloud", 3, "EGovExtranet", 1200, 200, 0.84, ["lz-rsj", "lz-wjw", "lz-gxj"]),
        new("gx-guilin-sangfor", "桂林市政务云（深信服）", "City", "450300", "Sangfor HCI", 3, "EGovExtranet", 900, 150, 0.35, ["gl-lyj", "gl-rsj", "gl-wjw"]),
        new("gx-wuzhou-ctyun", "梧州市政务云（天翼云）", "City", "450400", "China Telecom Cloud", 2, "EGovExtranet", 600, 80, 0.30, ["wz-rsj", "wz-wjw"]),
        new("gx-beihai-hcs", "北海市政务云（华为云Stack）", "City", "450500", "Huawei Cloud Stack", 3, "EGovExtranet", 700, 110, 0.42, ["bh-hyj", "bh-rsj"]),
        new("gx-qinzhou-ecloud", "钦州市政务云（移动云）", "City", "450700", "China Mobile eCloud", 2, "EGovExtranet", 500, 70, 0.28, ["qz-gkj", "qz-rsj"]),
        new("gx-yulin-inspur", "玉林市政务云（浪潮云）", "City", "450900", "Inspur Cloud", 3, "EGovExtranet", 800, 130, 0.50, ["yl-rsj", "yl-wjw", "yl-nyj"]),
        new("gx-baise-sangfor", "百色市政务云（深信服）", "City", "451000", "Sangfor HCI", 2, "EGovExtranet", 500, 60, 0.32, ["bs-rsj", "bs-fgw"]),
        new("gx-wuming-county", "南宁市武鸣区政务云", "County", "450110", "Sangfor HCI", 2, "EGovExtranet", 160, 30, 0.45, ["wm-zwb", "wm-wjj"]),
        new("gx-yangshuo-county", "桂林市阳朔县政务云", "County", "450321", "China Telecom Cloud", 2, "EGovExtranet", 120, 24, 0.70, ["ys-lyj", "ys-zwb"]),
        new("gx-liujiang-county", "柳州市柳江区政务云", "County", "450206", "Inspur Cloud", 2, "EGovExtranet", 140, 26, 0.38, ["lj-zwb", "lj-nyj"]),
        new("gx-pingguo-county", "百色市平果市政务云", "County", "451023", "China Mobile eCloud", 2, "EGovExtranet", 120, 20, 0.30, ["pg-zwb"]),
    ];
}
