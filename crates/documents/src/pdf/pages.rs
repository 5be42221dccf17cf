//! Flowing lines of text down A4 pages: page breaks, the repeated header
//! and, once the page count is known, footers and page labels.

use pdf_writer::{Content, Str};

use super::metrics::Face;

/// A4 in PDF points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm left and right.
pub(crate) const MARGIN_X: f32 = 56.7;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

const HEADER_BASELINE: f32 = PAGE_HEIGHT - 42.0;
const HEADER_SIZE: f32 = 9.0;
const HEADER_RULE_Y: f32 = HEADER_BASELINE - 7.0;
const CONTENT_TOP: f32 = HEADER_RULE_Y - 24.0;

pub(crate) const FOOTER_SIZE: f32 = 8.0;
pub(crate) const FOOTER_LEADING: f32 = 10.0;
const FOOTER_BASELINE: f32 = 30.0;
/// Gap kept between the last body line and the topmost footer line.
const FOOTER_GAP: f32 = 20.0;

const GRAY_TEXT: f32 = 0.0;
const GRAY_MUTED: f32 = 0.35;
const GRAY_RULE: f32 = 0.7;

/// Colour of a line of text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tone {
    Normal,
    Muted,
}

impl Tone {
    fn gray(self) -> f32 {
        match self {
            Tone::Normal => GRAY_TEXT,
            Tone::Muted => GRAY_MUTED,
        }
    }
}

/// One line placed on a page; several lines may share a baseline (label and
/// value of a row).
pub(crate) struct Span<'a> {
    pub(crate) x: f32,
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) tone: Tone,
    pub(crate) text: &'a [u8],
}

pub(crate) struct Pages {
    header: Vec<u8>,
    bottom: f32,
    pages: Vec<Content>,
    /// Top of the next line box on the current page.
    y: f32,
    /// Nothing has been placed on the current page yet, so breaking again
    /// would only produce an empty page.
    at_top: bool,
}

impl Pages {
    /// `footer_lines` is how many footer lines every page will carry; the
    /// body stops above them.
    pub(crate) fn new(header: Vec<u8>, footer_lines: usize) -> Self {
        let footer_lines = footer_lines.max(1) as f32;
        let mut pages = Self {
            header,
            bottom: FOOTER_BASELINE + footer_lines * FOOTER_LEADING + FOOTER_GAP,
            pages: Vec::new(),
            y: CONTENT_TOP,
            at_top: true,
        };
        pages.start_page();
        pages
    }

    /// Height available for body text on one page.
    pub(crate) fn page_capacity(&self) -> f32 {
        CONTENT_TOP - self.bottom
    }

    fn start_page(&mut self) {
        let mut content = Content::new();
        if !self.header.is_empty() {
            draw_text(
                &mut content,
                &Span {
                    x: MARGIN_X,
                    face: Face::Regular,
                    size: HEADER_SIZE,
                    tone: Tone::Muted,
                    text: &self.header,
                },
                HEADER_BASELINE,
            );
        }
        content
            .set_stroke_gray(GRAY_RULE)
            .set_line_width(0.5)
            .move_to(MARGIN_X, HEADER_RULE_Y)
            .line_to(PAGE_WIDTH - MARGIN_X, HEADER_RULE_Y)
            .stroke();
        self.pages.push(content);
        self.y = CONTENT_TOP;
        self.at_top = true;
    }

    /// Starts a new page unless `height` still fits on the current one.
    pub(crate) fn reserve(&mut self, height: f32) {
        if !self.at_top && self.y - height < self.bottom {
            self.start_page();
        }
    }

    /// Vertical space between blocks; swallowed at the top of a page so a
    /// block continued on a new page starts flush.
    pub(crate) fn gap(&mut self, height: f32) {
        if !self.at_top {
            self.y -= height;
        }
    }

    /// Places spans on one line of height `leading`, breaking the page first
    /// if needed.
    pub(crate) fn line(&mut self, leading: f32, spans: &[Span<'_>]) {
        self.reserve(leading);
        let size = spans.iter().map(|s| s.size).fold(0.0, f32::max);
        // Centring the glyphs in the line box keeps leading symmetric.
        let baseline = self.y - (leading + size * 0.7) / 2.0;
        if let Some(content) = self.pages.last_mut() {
            for span in spans {
                draw_text(content, span, baseline);
            }
        }
        self.y -= leading;
        self.at_top = false;
    }

    /// Adds footer lines and the right-aligned page label to every page and
    /// returns the content streams.
    pub(crate) fn finish(
        mut self,
        footer: &[Vec<u8>],
        label: Option<&dyn Fn(usize, usize) -> Vec<u8>>,
    ) -> Vec<Content> {
        let total = self.pages.len();
        for (index, content) in self.pages.iter_mut().enumerate() {
            let mut baseline = FOOTER_BASELINE + (footer.len().max(1) - 1) as f32 * FOOTER_LEADING;
            let label_baseline = baseline;
            for line in footer {
                draw_text(
                    content,
                    &Span {
                        x: MARGIN_X,
                        face: Face::Regular,
                        size: FOOTER_SIZE,
                        tone: Tone::Muted,
                        text: line,
                    },
                    baseline,
                );
                baseline -= FOOTER_LEADING;
            }
            if let Some(label) = label {
                let text = label(index + 1, total);
                let width = Face::Regular.width(&text, FOOTER_SIZE);
                draw_text(
                    content,
                    &Span {
                        x: PAGE_WIDTH - MARGIN_X - width,
                        face: Face::Regular,
                        size: FOOTER_SIZE,
                        tone: Tone::Muted,
                        text: &text,
                    },
                    label_baseline,
                );
            }
        }
        self.pages
    }
}

fn draw_text(content: &mut Content, span: &Span<'_>, baseline: f32) {
    content.set_fill_gray(span.tone.gray());
    content.begin_text();
    content.set_font(span.face.resource(), span.size);
    content.next_line(span.x, baseline);
    content.show(Str(span.text));
    content.end_text();
}
