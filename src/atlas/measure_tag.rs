//! What a figure counts (`Measure`) and the tag a figure of `facts.json` carries for it:
//! vocabulary the facts are read with, apart from the charts' gathering in `measures.rs`
//! (which reads the facts), so that the facts and the measures do not import each other.

use super::Lang;
use serde::Deserialize;

/// What a figure counts, when it can be read against a target or a stated figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    ClustersOperating,
    ClustersCount,
    ClusterArea,
    ClusterOccupancy,
    TradeTurnover,
    BudgetRevenue,
    ConferenceInvestment,
    GrdpPerCapita,
    IndustryGrowth,
    IndustryShare,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::ClustersOperating,
        Measure::ClustersCount,
        Measure::ClusterArea,
        Measure::ClusterOccupancy,
        Measure::TradeTurnover,
        Measure::BudgetRevenue,
        Measure::ConferenceInvestment,
        Measure::GrdpPerCapita,
        Measure::IndustryGrowth,
        Measure::IndustryShare,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Measure::ClustersOperating => (
                "Cụm công nghiệp đi vào hoạt động",
                "Industrial clusters in operation",
            ),
            Measure::ClustersCount => ("Số cụm công nghiệp", "Number of industrial clusters"),
            Measure::ClusterArea => ("Diện tích cụm công nghiệp", "Industrial cluster area"),
            // Resolution 45's targets do not say "each cluster"; the 2025–2030 plan's do.
            Measure::ClusterOccupancy => {
                ("Tỷ lệ lấp đầy: các mục tiêu", "Occupancy rate: the targets")
            }
            Measure::TradeTurnover => (
                "Kim ngạch xuất nhập khẩu qua địa bàn",
                "Import–export turnover through the province",
            ),
            Measure::BudgetRevenue => ("Thu ngân sách nhà nước", "State budget revenue"),
            // The memoranda's sum is an expected registration, and one bar is the plan
            // announced before the conference.
            Measure::ConferenceInvestment => (
                "Vốn các văn bản đầu tư của hội nghị 2024: đăng ký, dự kiến, kế hoạch",
                "The 2024 conference's investment documents: capital registered, expected or planned",
            ),
            Measure::GrdpPerCapita => ("GRDP bình quân đầu người", "GRDP per capita"),
            // Article 003's words: "tốc độ tăng thêm bình quân giá trị ngành công nghiệp".
            Measure::IndustryGrowth => (
                "Tốc độ tăng thêm bình quân giá trị ngành công nghiệp",
                "Average growth of the industry's added value",
            ),
            Measure::IndustryShare => (
                "Tỷ trọng công nghiệp trong GRDP",
                "Industry's share of GRDP",
            ),
        };
        lang.pick(vi, en)
    }
}

/// The tag on a figure: its measure and the bar's short label.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureTag {
    pub id: Measure,
    pub vi: String,
    pub en: String,
}
