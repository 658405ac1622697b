//! Rebuilds `geodata/` from the raw open data.
//!
//! Usage: `cargo run --bin prep-geodata -- [RAW_DIR] [OUT_DIR]`
//! (defaults: `../shared/geodata-src` and `geodata`), or
//! `cargo run --bin prep-geodata -- --vector-archive OUT.pmtiles`: a vector (MVT) PMTiles
//! archive of the offline basemap's geodata (the built-in copy of `geodata/`).

use std::path::PathBuf;
use std::process::ExitCode;

fn vector_archive(out: &std::path::Path) -> ExitCode {
    let atlas = match langson_atlas::atlas::Atlas::embedded() {
        Ok(atlas) => atlas,
        Err(errors) => {
            for e in errors {
                eprintln!("prep-geodata: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let zooms = langson_atlas::prep::vector_tiles::ZOOMS;
    match langson_atlas::prep::vector_tiles::write(&atlas, out, zooms.clone()) {
        Ok(tiles) => {
            println!(
                "wrote {} ({tiles} vector tiles, zooms {}–{})",
                out.display(),
                zooms.start(),
                zooms.end()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prep-geodata: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--vector-archive") {
        let _ = args.next();
        return match args.next() {
            Some(out) => vector_archive(std::path::Path::new(&out)),
            None => {
                eprintln!("prep-geodata: --vector-archive needs a file to write");
                ExitCode::FAILURE
            }
        };
    }
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
