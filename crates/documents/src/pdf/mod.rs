//! A4 PDF rendering for letters and statements: a broker header line on
//! every page, a title, an optional subtitle, a block of label/value rows,
//! word-wrapped paragraphs, a footer and page labels such as "2 / 3".
//!
//! Headed sections may carry a table (see [`Table`]), and two logos (PNG or
//! JPEG, see [`Image`]) can head every page.
//!
//! Text is set in the base-14 Helvetica faces with WinAnsiEncoding, so no
//! font is embedded and a typical document stays a few kilobytes. Characters
//! outside WinAnsi (roughly Latin-1 plus €, typographic quotes and dashes)
//! are printed as `?`.

mod image;
mod metrics;
mod pages;
mod png;
mod spec;
mod table;
mod winansi;
mod wrap;
mod write;

use metrics::Face;
use pages::{
    FOOTER_SIZE, Format, LOGO_HEIGHT, LOGO_MAX_WIDTH, MARGIN_X, Pages, Placing, Span, Tone,
};
use winansi::encode;
use wrap::wrap;

pub use image::{Image, ImageError};
pub use spec::{PdfSpec, Section, Table, TableColumn};

/// Page label used unless the caller sets another one; it is made of
/// digits and a slash only, so it needs no translation.
pub const DEFAULT_PAGE_LABEL: &str = "{page} / {pages}";

const TITLE_SIZE: f32 = 16.0;
const TITLE_LEADING: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 11.0;
const SUBTITLE_LEADING: f32 = 15.0;
const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 14.0;
const ROW_GAP: f32 = 3.0;
const LABEL_GAP: f32 = 12.0;
pub(crate) const BLOCK_GAP: f32 = 16.0;
const PARAGRAPH_GAP: f32 = 7.0;
const HEADING_GAP: f32 = 4.0;
/// Labels get at most this share of the line so values stay readable.
const MAX_LABEL_SHARE: f32 = 0.4;

/// Renders the document to PDF bytes.
pub fn render(spec: &PdfSpec) -> Vec<u8> {
    let label = spec.page_label.as_deref().map(|template| {
        move |page: usize, pages: usize| {
            let text = template
                .replace("{page}", &page.to_string())
                .replace("{pages}", &pages.to_string());
            encode(&text)
        }
    });

    // The footer must leave room for the label on its first line; a label
    // with three-digit numbers is the widest one realistically printed.
    let format = Format::a4(spec.landscape);
    let label_reserve = label.as_ref().map_or(0.0, |l| {
        Face::Regular.width(&l(999, 999), FOOTER_SIZE) + 12.0
    });
    let footer = lines(
        &spec.footer,
        Face::Regular,
        FOOTER_SIZE,
        format.content_width() - label_reserve,
    );

    let placing = Placing {
        left: spec
            .left_logo
            .as_ref()
            .map(|i| i.fit(LOGO_MAX_WIDTH, LOGO_HEIGHT)),
        right: spec
            .right_logo
            .as_ref()
            .map(|i| i.fit(LOGO_MAX_WIDTH, LOGO_HEIGHT)),
    };
    let mut pages = Pages::new(
        format,
        encode(&spec.header),
        footer.len(),
        placing.place(format),
    );
    layout_title(&mut pages, spec);
    layout_rows(&mut pages, &spec.rows);
    layout_paragraphs(&mut pages, &spec.paragraphs);
    for section in &spec.sections {
        layout_heading(&mut pages, &section.heading);
        layout_rows(&mut pages, &section.rows);
        layout_paragraphs(&mut pages, &section.paragraphs);
        if let Some(table) = &section.table {
            table::layout(&mut pages, table);
        }
    }

    let label_fn = label
        .as_ref()
        .map(|l| l as &dyn Fn(usize, usize) -> Vec<u8>);
    let contents = pages.finish(&footer, label_fn);
    write::pdf(spec, contents)
}

/// Encodes and wraps text that may contain explicit line breaks; blank
/// source lines are kept as empty lines.
fn lines(text: &str, face: Face, size: f32, width: f32) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for source in text.lines() {
        let wrapped = wrap(&encode(source), face, size, width);
        if wrapped.is_empty() {
            out.push(Vec::new());
        } else {
            out.extend(wrapped);
        }
    }
    // A trailing blank line would only push the body further up.
    while out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

fn layout_title(pages: &mut Pages, spec: &PdfSpec) {
    let width = pages.content_width();
    let title = lines(&spec.title, Face::Bold, TITLE_SIZE, width);
    for line in &title {
        pages.line(
            TITLE_LEADING,
            &[span(MARGIN_X, Face::Bold, TITLE_SIZE, Tone::Normal, line)],
        );
    }
    let subtitle = lines(&spec.subtitle, Face::Regular, SUBTITLE_SIZE, width);
    for line in &subtitle {
        pages.line(
            SUBTITLE_LEADING,
            &[span(
                MARGIN_X,
                Face::Regular,
                SUBTITLE_SIZE,
                Tone::Muted,
                line,
            )],
        );
    }
    if !title.is_empty() || !subtitle.is_empty() {
        pages.gap(BLOCK_GAP);
    }
}

fn layout_heading(pages: &mut Pages, heading: &str) {
    let lines = lines(heading, Face::Bold, SUBTITLE_SIZE, pages.content_width());
    // A heading alone at the foot of a page is kept with its first line.
    let height = lines.len() as f32 * SUBTITLE_LEADING + HEADING_GAP + BODY_LEADING;
    if height <= pages.page_capacity() {
        pages.reserve(height);
    }
    for line in &lines {
        pages.line(
            SUBTITLE_LEADING,
            &[span(
                MARGIN_X,
                Face::Bold,
                SUBTITLE_SIZE,
                Tone::Normal,
                line,
            )],
        );
    }
    pages.gap(HEADING_GAP);
}

fn layout_rows(pages: &mut Pages, rows: &[(String, String)]) {
    if rows.is_empty() {
        return;
    }
    let encoded: Vec<(Vec<u8>, &str)> = rows.iter().map(|(l, v)| (encode(l), v.as_str())).collect();
    let widest = encoded
        .iter()
        .map(|(label, _)| Face::Bold.width(label, BODY_SIZE))
        .fold(0.0, f32::max);
    let content_width = pages.content_width();
    let label_width = widest.min(content_width * MAX_LABEL_SHARE);
    let value_x = MARGIN_X + label_width + LABEL_GAP;
    let value_width = content_width - label_width - LABEL_GAP;

    for (label, value) in &encoded {
        let label_lines = wrap(label, Face::Bold, BODY_SIZE, label_width);
        let value_lines = lines(value, Face::Regular, BODY_SIZE, value_width);
        let count = label_lines.len().max(value_lines.len()).max(1);
        // Keep a row on one page when it can fit on one at all.
        let height = count as f32 * BODY_LEADING;
        if height <= pages.page_capacity() {
            pages.reserve(height);
        }
        for i in 0..count {
            let mut spans = Vec::with_capacity(2);
            if let Some(text) = label_lines.get(i) {
                spans.push(span(MARGIN_X, Face::Bold, BODY_SIZE, Tone::Normal, text));
            }
            if let Some(text) = value_lines.get(i) {
                spans.push(span(value_x, Face::Regular, BODY_SIZE, Tone::Normal, text));
            }
            pages.line(BODY_LEADING, &spans);
        }
        pages.gap(ROW_GAP);
    }
    pages.gap(BLOCK_GAP - ROW_GAP);
}

fn layout_paragraphs(pages: &mut Pages, paragraphs: &[String]) {
    for paragraph in paragraphs {
        let lines = lines(paragraph, Face::Regular, BODY_SIZE, pages.content_width());
        let count = lines.len();
        for (i, line) in lines.iter().enumerate() {
            // A single line of a paragraph alone at the foot or head of a
            // page reads badly: short paragraphs move as a whole, longer
            // ones start and end with at least two lines on a page.
            let keep = if count <= 3 && i == 0 {
                count
            } else if i == 0 || i + 2 == count {
                2
            } else {
                1
            };
            if keep as f32 * BODY_LEADING <= pages.page_capacity() {
                pages.reserve(keep as f32 * BODY_LEADING);
            }
            pages.line(
                BODY_LEADING,
                &[span(MARGIN_X, Face::Regular, BODY_SIZE, Tone::Normal, line)],
            );
        }
        pages.gap(PARAGRAPH_GAP);
    }
}

fn span(x: f32, face: Face, size: f32, tone: Tone, text: &[u8]) -> Span<'_> {
    Span {
        x,
        face,
        size,
        tone,
        text,
    }
}
