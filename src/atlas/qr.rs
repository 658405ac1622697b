//! A QR code as squares to fill, the one shape every medium draws: the PDF as vector paths
//! in points, the video's end card and presentation mode's share screen as egui rectangles.
//! Dark on white with a quiet zone of 4 modules whatever the theme, as readers need.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, on every side (the standard's minimum).
pub const QUIET_ZONE: usize = 4;

/// Why a text has no QR code.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
#[error("a QR code cannot hold {0} bytes of text")]
pub struct QrError(usize);

/// The modules of a code, quiet zone included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules a side, quiet zone included.
    side: usize,
    dark: Vec<bool>,
}

/// A horizontal run of dark modules: `len` modules from column `x` of row `y`, in modules
/// from the quiet zone's top left corner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub x: usize,
    pub y: usize,
    pub len: usize,
}

impl QrMatrix {
    /// The code of `text`, at error correction M (15 % of the code may be lost: a crease,
    /// a smudge) as small as the text allows.
    pub fn encode(text: &str) -> Result<QrMatrix, QrError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|_| QrError(text.len()))?;
        let width = code.width();
        let side = width + 2 * QUIET_ZONE;
        let mut dark = vec![false; side * side];
        for (i, colour) in code.to_colors().into_iter().enumerate() {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            dark[y * side + x] = colour == Color::Dark;
        }
        Ok(QrMatrix { side, dark })
    }

    /// Modules a side, quiet zone included.
    pub fn side(&self) -> usize {
        self.side
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.side && y < self.side && self.dark[y * self.side + x]
    }

    /// The dark modules as runs along each row: a few hundred rectangles rather than a
    /// thousand squares, and no hairline seams between neighbours in a row.
    pub fn runs(&self) -> Vec<Run> {
        let mut runs = Vec::new();
        for y in 0..self.side {
            let mut x = 0;
            while x < self.side {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.side && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push(Run {
                        x: start,
                        y,
                        len: x - start,
                    });
                } else {
                    x += 1;
                }
            }
        }
        runs
    }

    /// The runs as rectangles `[x, y, w, h]` when the code (quiet zone included) is drawn
    /// `size` units a side from `origin`; consecutive rows' runs of the same span are
    /// merged into one taller rectangle.
    pub fn rects(&self, origin: [f32; 2], size: f32) -> Vec<[f32; 4]> {
        let module = size / self.side as f32;
        let mut merged: Vec<(Run, usize)> = Vec::new();
        for run in self.runs() {
            let above = merged
                .iter_mut()
                .rev()
                .find(|(r, rows)| r.x == run.x && r.len == run.len && r.y + rows == run.y);
            match above {
                Some((_, rows)) => *rows += 1,
                None => merged.push((run, 1)),
            }
        }
        merged
            .into_iter()
            .map(|(run, rows)| {
                [
                    origin[0] + run.x as f32 * module,
                    origin[1] + run.y as f32 * module,
                    run.len as f32 * module,
                    rows as f32 * module,
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes the code drawn from its rectangles at `px` pixels a module.
    fn decode(matrix: &QrMatrix, px: usize) -> Vec<String> {
        let side = matrix.side() * px;
        let mut grey = vec![255u8; side * side];
        for [x, y, w, h] in matrix.rects([0.0, 0.0], side as f32) {
            for row in y as usize..(y + h) as usize {
                for col in x as usize..(x + w) as usize {
                    grey[row * side + col] = 0;
                }
            }
        }
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| grey[y * side + x]);
        image
            .detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|(_, text)| text))
            .collect()
    }

    #[test]
    fn the_rectangles_decode_to_the_text_with_a_quiet_zone_around() {
        let link = "https://atlas.langson.gov.vn/quy-hoach/#f=vsip_lang_son&lang=en";
        let Ok(matrix) = QrMatrix::encode(link) else {
            panic!("encodes");
        };
        assert_eq!(decode(&matrix, 4), vec![link.to_owned()]);
        for i in 0..matrix.side() {
            for (x, y) in [(i, 0), (0, i), (i, QUIET_ZONE - 1), (QUIET_ZONE - 1, i)] {
                assert!(!matrix.is_dark(x, y), "the quiet zone is light at {x},{y}");
            }
        }
        // The finder pattern's corner is dark, just inside the quiet zone.
        assert!(matrix.is_dark(QUIET_ZONE, QUIET_ZONE));
        // Merging runs leaves every dark module covered once and no light one.
        let rects = matrix.rects([0.0, 0.0], matrix.side() as f32);
        let dark = (0..matrix.side())
            .flat_map(|y| (0..matrix.side()).map(move |x| (x, y)))
            .filter(|(x, y)| matrix.is_dark(*x, *y))
            .count();
        let area: f32 = rects.iter().map(|r| r[2] * r[3]).sum();
        assert_eq!(area.round() as usize, dark);
        assert!(rects.len() < dark / 2, "{} rectangles", rects.len());
    }

    #[test]
    fn a_text_too_long_for_any_code_is_an_error() {
        let long = "x".repeat(4000);
        assert_eq!(QrMatrix::encode(&long), Err(QrError(4000)));
    }
}
