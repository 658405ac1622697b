//! langson-atlas: a desktop GIS viewer for the 2021–2030 spatial plan of Lạng Sơn province.
//!
//! One-way flow: `prep` turns raw open data into `geodata/`; `atlas` loads it into plain
//! Rust values; `map` draws them over a walkers tile map; `ui` shows panels; `app` owns the
//! state and wires the rooms together.

pub mod app;
pub mod atlas;
pub mod charts;
pub mod cli;
pub mod export;
pub mod layers;
pub mod map;
pub mod prep;
pub mod present;
pub mod print;
pub mod project;
pub mod sources;
pub mod state;
pub mod task;
pub mod theme;
pub mod ui;
pub mod user_room;
pub mod video;
pub mod web;

pub use app::{AtlasApp, Options};
