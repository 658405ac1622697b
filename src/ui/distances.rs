//! A site's straight-line distances in its panel: to the nearest international border
//! gate, to the Hữu Nghị gate, to Lạng Sơn city centre; and the button to the table of all.

use crate::atlas::distances::{SiteDistances, site_distances};
use crate::atlas::{Atlas, Feature, Lang};
use crate::layers::measure::length_text;
use crate::state::{Action, TableOf, UserAction};
use crate::theme::{self, fonts};
use egui::{RichText, Ui};

/// The site's distances, if it is a located site.
pub fn show(ui: &mut Ui, atlas: &Atlas, feature: &Feature, lang: Lang, actions: &mut Vec<Action>) {
    let Some(d) = site_distances(atlas)
        .into_iter()
        .find(|d| &d.site == feature.id())
    else {
        return;
    };
    ui.separator();
    ui.label(
        RichText::new(lang.pick("Khoảng cách đường chim bay", "Straight-line distances"))
            .font(fonts::bold(15.0)),
    );
    crate::ui::pairs_grid(ui, "site-distances").show(ui, |ui| {
        for (label, value) in rows(atlas, &d, lang) {
            ui.add(egui::Label::new(label).wrap());
            ui.add(egui::Label::new(RichText::new(value).strong()).wrap());
            ui.end_row();
        }
    });
    let caveat = if d.approximate {
        lang.pick(
            "Đường thẳng trắc địa, không phải đường bộ; vị trí cơ sở là tâm xã nên khoảng cách là gần đúng.",
            "Geodesic straight lines, not road distances; the site is placed at its commune's centre, so the distances are approximate.",
        )
    } else {
        lang.pick(
            "Đường thẳng trắc địa, không phải đường bộ.",
            "Geodesic straight lines, not road distances.",
        )
    };
    ui.label(RichText::new(caveat).small().color(theme::MUTED));
    if ui
        .button(lang.pick(
            "Bảng khoảng cách của mọi cơ sở",
            "Distance table of every site",
        ))
        .clicked()
    {
        actions.push(Action::User(UserAction::ShowTable(Some(
            TableOf::Distances,
        ))));
    }
}

fn rows(atlas: &Atlas, d: &SiteDistances, lang: Lang) -> Vec<(String, String)> {
    let name = |id: &crate::atlas::FeatureId| {
        atlas
            .get(id)
            .map(|f| lang.pick(&f.props.name_vi, &f.props.name_en).to_owned())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    if let Some((gate, m)) = &d.nearest_international {
        out.push((
            format!(
                "{} ({})",
                lang.pick("Cửa khẩu quốc tế gần nhất", "Nearest international gate"),
                name(gate)
            ),
            length_text(*m, lang),
        ));
    }
    if let Some(m) = d.huu_nghi {
        out.push((
            lang.pick("Cửa khẩu quốc tế Hữu Nghị", "Hữu Nghị international gate")
                .to_owned(),
            length_text(m, lang),
        ));
    }
    if let Some(m) = d.city {
        out.push((
            lang.pick("Trung tâm thành phố Lạng Sơn", "Lạng Sơn city centre")
                .to_owned(),
            length_text(m, lang),
        ));
    }
    out
}
