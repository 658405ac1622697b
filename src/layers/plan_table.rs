//! A plan layer (or the sites' distances) as an attribute table: built once when opened,
//! in the reader's language, with its own view (filters, sort), and what leaves it: the
//! rows shown as CSV, the selected feature as GeoJSON.

use super::export::Export;
use super::table::{self, TableView, distance_table, plan_table};
use crate::atlas::lang::layer_name;
use crate::atlas::{Atlas, FeatureId, Lang, LayerKind};
use crate::sources::UserLayer;

/// Which plan table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanTableOf {
    Layer(LayerKind),
    /// The straight-line distances of every industrial site.
    Distances,
}

pub struct PlanTable {
    pub of: PlanTableOf,
    pub lang: Lang,
    pub data: UserLayer,
    /// The feature behind each row.
    pub ids: Vec<FeatureId>,
    pub view: TableView,
}

impl PlanTable {
    pub fn new(atlas: &Atlas, of: PlanTableOf, lang: Lang) -> Self {
        let (data, positions) = match of {
            PlanTableOf::Layer(kind) => plan_table(atlas, kind),
            PlanTableOf::Distances => distance_table(atlas, lang),
        };
        let ids = positions
            .iter()
            .filter_map(|&i| atlas.features().get(i).map(|f| f.id().clone()))
            .collect();
        let view = TableView::new(data.fields.len());
        Self {
            of,
            lang,
            data,
            ids,
            view,
        }
    }

    /// The same table in another language, keeping the view (the columns are the same).
    pub fn relabelled(self, atlas: &Atlas, lang: Lang) -> Self {
        let view = self.view;
        Self {
            view,
            ..Self::new(atlas, self.of, lang)
        }
    }

    fn file_name(&self) -> String {
        match self.of {
            PlanTableOf::Layer(kind) => layer_name(kind, self.lang).to_owned(),
            PlanTableOf::Distances => self.lang.pick("khoang-cach", "distances").to_owned(),
        }
    }

    /// The rows the view shows, as CSV.
    pub fn rows_csv(&mut self) -> Export {
        let rows = self.view.rows(&self.data);
        Export {
            name: self.file_name(),
            extension: "csv",
            bytes: table::to_csv(&self.data, &rows),
            count: rows.len(),
        }
    }

    /// The selected feature, when this table holds it, as GeoJSON (else an empty one).
    pub fn selection_geojson(&self, selected: Option<&FeatureId>) -> Export {
        let chosen: Vec<usize> = selected
            .and_then(|s| self.ids.iter().position(|id| id == s))
            .into_iter()
            .collect();
        let text = table::to_geojson(&self.data, chosen.iter().copied());
        Export {
            name: format!("{}-selection", self.file_name()),
            extension: "geojson",
            bytes: Ok(text.into_bytes()),
            count: chosen.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> Atlas {
        Atlas::embedded().expect("the embedded geodata loads")
    }

    #[test]
    fn a_plan_table_has_a_row_a_feature_and_exports_what_it_shows() {
        let atlas = atlas();
        let mut gates = PlanTable::new(&atlas, PlanTableOf::Layer(LayerKind::Gates), Lang::Vi);
        assert_eq!(gates.ids.len(), atlas.in_layer(LayerKind::Gates).count());
        assert_eq!(gates.data.features.len(), gates.ids.len());
        let all = gates.rows_csv();
        assert_eq!(all.count, gates.ids.len());
        gates.view.quick = "Hữu Nghị".to_owned();
        let some = gates.rows_csv();
        assert!(some.count >= 1 && some.count < all.count, "{}", some.count);
        assert_eq!((some.name.as_str(), some.extension), ("Cửa khẩu", "csv"));
    }

    #[test]
    fn the_selection_exports_only_when_the_table_holds_it() {
        let atlas = atlas();
        let gates = PlanTable::new(&atlas, PlanTableOf::Layer(LayerKind::Gates), Lang::En);
        let huu_nghi = FeatureId::new("huu_nghi");
        assert_eq!(gates.selection_geojson(Some(&huu_nghi)).count, 1);
        assert_eq!(
            gates
                .selection_geojson(Some(&FeatureId::new("lang_son_city")))
                .count,
            0
        );
        assert_eq!(gates.selection_geojson(None).count, 0);
    }

    #[test]
    fn sorting_by_name_lists_the_districts_in_vietnamese_order() {
        let atlas = atlas();
        let mut districts =
            PlanTable::new(&atlas, PlanTableOf::Layer(LayerKind::Districts), Lang::Vi);
        let column = districts
            .data
            .fields
            .iter()
            .position(|f| f.name == "name_vi")
            .expect("a name_vi column");
        districts.view.toggle_sort(column);
        let names: Vec<String> = districts
            .view
            .rows(&districts.data)
            .into_iter()
            .map(|i| crate::layers::style::text(&districts.data.features[i].values[column]))
            .collect();
        assert_eq!(
            names,
            [
                "Bắc Sơn",
                "Bình Gia",
                "Cao Lộc",
                "Chi Lăng",
                "Đình Lập",
                "Hữu Lũng",
                "Lộc Bình",
                "Thành phố Lạng Sơn",
                "Tràng Định",
                "Văn Lãng",
                "Văn Quan",
            ]
        );
    }

    #[test]
    fn another_language_keeps_the_view() {
        let atlas = atlas();
        let mut table = PlanTable::new(&atlas, PlanTableOf::Distances, Lang::Vi);
        table.view.sort = Some((1, true));
        let table = table.relabelled(&atlas, Lang::En);
        assert_eq!(table.lang, Lang::En);
        assert_eq!(table.view.sort, Some((1, true)));
    }
}
