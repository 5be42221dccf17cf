//! Flowing lines of text down A4 pages: page breaks, the repeated header
//! and, once the page count is known, footers and page labels.

use pdf_writer::{Content, Name, Str};

use super::metrics::Face;

/// The short and the long side of A4 in PDF points.
const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
/// 20 mm left and right.
pub(crate) const MARGIN_X: f32 = 56.7;

/// A4 upright (letters, sheets) or on its side (wide tables).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Format {
    pub(crate) width: f32,
    pub(crate) height: f32,
}

impl Format {
    pub(crate) fn a4(landscape: bool) -> Format {
        if landscape {
            Format {
                width: A4_LONG,
                height: A4_SHORT,
            }
        } else {
            Format {
                width: A4_SHORT,
                height: A4_LONG,
            }
        }
    }

    pub(crate) fn content_width(self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }
}

/// Distance of the header line from the top edge.
const HEADER_FROM_TOP: f32 = 42.0;
const HEADER_SIZE: f32 = 9.0;
const HEADER_RULE_GAP: f32 = 7.0;
const CONTENT_GAP: f32 = 24.0;
/// Logos sit in a band above the header line: its top edge's distance
/// from the top of the page, and its height.
const LOGO_FROM_TOP: f32 = 28.0;
pub(crate) const LOGO_HEIGHT: f32 = 40.0;
pub(crate) const LOGO_MAX_WIDTH: f32 = 170.0;
const LOGO_GAP: f32 = 16.0;

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

/// An image drawn on every page at a fixed place (a logo).
pub(crate) struct Placed {
    pub(crate) name: Name<'static>,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
}

pub(crate) struct Placing {
    pub(crate) left: Option<(f32, f32)>,
    pub(crate) right: Option<(f32, f32)>,
}

impl Placing {
    /// Left logo at the left margin, right one at the right margin, both
    /// centred in the logo band.
    pub(crate) fn place(&self, format: Format) -> Vec<Placed> {
        let centre = format.height - LOGO_FROM_TOP - LOGO_HEIGHT / 2.0;
        let mut out = Vec::new();
        if let Some((width, height)) = self.left {
            out.push(Placed {
                name: Name(b"Im1"),
                x: MARGIN_X,
                y: centre - height / 2.0,
                width,
                height,
            });
        }
        if let Some((width, height)) = self.right {
            out.push(Placed {
                name: Name(b"Im2"),
                x: format.width - MARGIN_X - width,
                y: centre - height / 2.0,
                width,
                height,
            });
        }
        out
    }
}

pub(crate) struct Pages {
    format: Format,
    header: Vec<u8>,
    logos: Vec<Placed>,
    header_baseline: f32,
    content_top: f32,
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
    pub(crate) fn new(
        format: Format,
        header: Vec<u8>,
        footer_lines: usize,
        logos: Vec<Placed>,
    ) -> Self {
        let footer_lines = footer_lines.max(1) as f32;
        // With logos the header line moves below their band.
        let header_baseline = if logos.is_empty() {
            format.height - HEADER_FROM_TOP
        } else {
            format.height - LOGO_FROM_TOP - LOGO_HEIGHT - LOGO_GAP
        };
        let content_top = header_baseline - HEADER_RULE_GAP - CONTENT_GAP;
        let mut pages = Self {
            format,
            header,
            logos,
            header_baseline,
            content_top,
            bottom: FOOTER_BASELINE + footer_lines * FOOTER_LEADING + FOOTER_GAP,
            pages: Vec::new(),
            y: content_top,
            at_top: true,
        };
        pages.start_page();
        pages
    }

    pub(crate) fn content_width(&self) -> f32 {
        self.format.content_width()
    }

    /// Height available for body text on one page.
    pub(crate) fn page_capacity(&self) -> f32 {
        self.content_top - self.bottom
    }

    /// Pages begun so far; a table compares it to see a page break.
    pub(crate) fn count(&self) -> usize {
        self.pages.len()
    }

    /// A thin rule across the content width below the current line.
    pub(crate) fn rule(&mut self, gap: f32) {
        let y = self.y - gap / 2.0;
        if let Some(content) = self.pages.last_mut() {
            content
                .set_stroke_gray(GRAY_RULE)
                .set_line_width(0.5)
                .move_to(MARGIN_X, y)
                .line_to(self.format.width - MARGIN_X, y)
                .stroke();
        }
        self.y -= gap;
    }

    fn start_page(&mut self) {
        let mut content = Content::new();
        for logo in &self.logos {
            content
                .save_state()
                .transform([logo.width, 0.0, 0.0, logo.height, logo.x, logo.y])
                .x_object(logo.name)
                .restore_state();
        }
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
                self.header_baseline,
            );
        }
        let rule_y = self.header_baseline - HEADER_RULE_GAP;
        content
            .set_stroke_gray(GRAY_RULE)
            .set_line_width(0.5)
            .move_to(MARGIN_X, rule_y)
            .line_to(self.format.width - MARGIN_X, rule_y)
            .stroke();
        self.pages.push(content);
        self.y = self.content_top;
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
                        x: self.format.width - MARGIN_X - width,
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
