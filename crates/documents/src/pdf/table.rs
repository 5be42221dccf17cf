//! Tables: column widths from the content, cells wrapped within their
//! column, amounts right-aligned, the heading row repeated on each page.

use super::metrics::Face;
use super::pages::{MARGIN_X, Pages, Span, Tone};
use super::spec::Table;
use super::winansi::encode;
use super::wrap::wrap;

const SIZE: f32 = 8.0;
const LEADING: f32 = 10.0;
const CELL_GAP: f32 = 6.0;
const ROW_GAP: f32 = 2.0;
const RULE_GAP: f32 = 4.0;

pub(super) fn layout(pages: &mut Pages, table: &Table) {
    let count = table.columns.len();
    if count == 0 {
        return;
    }
    let headings: Vec<Vec<u8>> = table.columns.iter().map(|c| encode(&c.heading)).collect();
    let rows: Vec<Vec<Vec<u8>>> = table
        .rows
        .iter()
        .map(|row| {
            (0..count)
                .map(|i| encode(row.get(i).map_or("", String::as_str)))
                .collect()
        })
        .collect();
    let widths = widths(&headings, &rows, pages.content_width());
    let numeric: Vec<bool> = table.columns.iter().map(|c| c.numeric).collect();
    let cells = |texts: &[Vec<u8>], face: Face| -> Vec<Vec<Vec<u8>>> {
        texts
            .iter()
            .zip(&widths)
            .map(|(text, width)| wrap(text, face, SIZE, *width))
            .collect()
    };
    let heading_cells = cells(&headings, Face::Bold);
    let heading_height = height(&heading_cells);

    // The headings stay with the first row.
    let first = rows
        .first()
        .map_or(0.0, |r| height(&cells(r, Face::Regular)));
    if heading_height + first <= pages.page_capacity() {
        pages.reserve(heading_height + RULE_GAP + first);
    }
    draw_row(pages, &heading_cells, &widths, &numeric, Face::Bold);
    pages.rule(RULE_GAP);
    for row in &rows {
        let row_cells = cells(row, Face::Regular);
        let row_height = height(&row_cells);
        let before = pages.count();
        if row_height <= pages.page_capacity() - heading_height - RULE_GAP {
            pages.reserve(row_height);
        }
        if pages.count() != before {
            draw_row(pages, &heading_cells, &widths, &numeric, Face::Bold);
            pages.rule(RULE_GAP);
        }
        draw_row(pages, &row_cells, &widths, &numeric, Face::Regular);
        pages.gap(ROW_GAP);
    }
    pages.gap(super::BLOCK_GAP);
}

fn height(cells: &[Vec<Vec<u8>>]) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * LEADING
}

fn draw_row(
    pages: &mut Pages,
    cells: &[Vec<Vec<u8>>],
    widths: &[f32],
    numeric: &[bool],
    face: Face,
) {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..lines {
        let mut x = MARGIN_X;
        let mut spans = Vec::with_capacity(cells.len());
        for ((cell, width), right) in cells.iter().zip(widths).zip(numeric) {
            if let Some(text) = cell.get(line) {
                let left = if *right {
                    x + width - face.width(text, SIZE)
                } else {
                    x
                };
                spans.push(Span {
                    x: left,
                    face,
                    size: SIZE,
                    tone: Tone::Normal,
                    text,
                });
            }
            x += width + CELL_GAP;
        }
        pages.line(LEADING, &spans);
    }
}

/// Each column as wide as its widest cell when all fit. Otherwise every
/// column gets at least its longest word (so numbers and amounts never
/// break inside), and the space left is shared in proportion to how much
/// more each column's longest cell needs; only when even the longest words
/// do not fit are they scaled down (and cut).
fn widths(headings: &[Vec<u8>], rows: &[Vec<Vec<u8>>], width: f32) -> Vec<f32> {
    let count = headings.len();
    let available = width - CELL_GAP * (count - 1) as f32;
    let longest_word = |text: &[u8], face: Face| {
        text.split(|b| *b == b' ')
            .map(|word| face.width(word, SIZE))
            .fold(0.0, f32::max)
    };
    let mut natural: Vec<f32> = headings
        .iter()
        .map(|h| longest_word(h, Face::Bold))
        .collect();
    let mut minimum = natural.clone();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(count) {
            natural[i] = natural[i].max(Face::Regular.width(cell, SIZE));
            minimum[i] = minimum[i].max(longest_word(cell, Face::Regular));
        }
    }
    let natural: Vec<f32> = natural.iter().map(|w| w.max(SIZE)).collect();
    let minimum: Vec<f32> = minimum.iter().map(|w| w.max(SIZE)).collect();
    if natural.iter().sum::<f32>() <= available {
        return natural;
    }
    let least: f32 = minimum.iter().sum();
    if least >= available {
        return minimum.iter().map(|w| w * available / least).collect();
    }
    let wanted: f32 = natural.iter().zip(&minimum).map(|(n, m)| n - m).sum();
    natural
        .iter()
        .zip(&minimum)
        .map(|(n, m)| m + (available - least) * (n - m) / wanted.max(1.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTENT_WIDTH: f32 = 480.0;

    #[test]
    fn words_stay_whole_and_long_texts_share_the_rest() {
        let headings = vec![b"A".to_vec(), b"B".to_vec(), b"C".to_vec()];
        let prose = b"word ".repeat(80);
        let amount = b"1.234.567,89\xa0EUR".to_vec();
        let rows = vec![vec![amount.clone(), prose.clone(), prose]];
        let w = widths(&headings, &rows, CONTENT_WIDTH);
        let total: f32 = w.iter().sum::<f32>() + 2.0 * CELL_GAP;
        assert!((total - CONTENT_WIDTH).abs() < 0.5, "{w:?}");
        assert!(w[0] >= Face::Regular.width(&amount, SIZE), "{w:?}");
        assert!((w[1] - w[2]).abs() < 0.5, "{w:?}");
        // Columns that fit keep their natural width.
        let w = widths(
            &headings,
            &[vec![b"1".to_vec(), b"2".to_vec(), b"3".to_vec()]],
            CONTENT_WIDTH,
        );
        assert!(w.iter().sum::<f32>() < CONTENT_WIDTH / 2.0, "{w:?}");
    }
}
