//! Panels and text: layers and legend, feature panel, top bar, status bar, strings.
//! UI code reads the atlas; it never parses files.

pub mod attribute_table;
pub mod caption;
pub mod charts;
pub mod distances;
pub mod export_panel;
pub mod facts_view;
pub mod feature_panel;
pub mod i18n;
pub mod identify;
pub mod layers_panel;
pub mod measure_panel;
pub mod my_layers;
pub mod open_prompt;
pub mod reform;
pub mod shortcuts;
pub mod source_viewer;
pub mod status_bar;
pub mod style_window;
pub mod timeline_bar;
pub mod top_bar;
pub mod words;
