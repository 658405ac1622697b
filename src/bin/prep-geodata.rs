//! Rebuilds `geodata/` from the raw open data.
//!
//! Usage: `cargo run --bin prep-geodata -- [RAW_DIR] [OUT_DIR]`
//! (defaults: `../shared/geodata-src` and `geodata`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let src = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/geodata-src"), PathBuf::from);
    let dest = args
        .next()
        .map_or_else(|| PathBuf::from("geodata"), PathBuf::from);
    match langson_atlas::prep::write_all(&src, &dest) {
        Ok(files) => {
            for file in files {
                println!("wrote {}", dest.join(file).display());
            }
            // The approximate 2025 areas' check, to quote in geodata/README.md.
            let areas = std::fs::read_to_string(dest.join("communes-2025-areas.geojson"));
            match areas.map(|text| langson_atlas::prep::cells::summary_of(&text)) {
                Ok(Ok(summary)) => println!("{summary}"),
                Ok(Err(e)) => eprintln!("prep-geodata: {e}"),
                Err(e) => eprintln!("prep-geodata: communes-2025-areas.geojson: {e}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prep-geodata: {e}");
            eprintln!("(raw data expected in {})", src.display());
            ExitCode::FAILURE
        }
    }
}
