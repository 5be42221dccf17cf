//! What a PDF shows: the caller's words, never the renderer's.

use chrono::{DateTime, Utc};

use super::image::Image;
use super::{DEFAULT_PAGE_LABEL, render};

/// What to render. All visible text comes from here; the renderer adds no
/// words of its own.
///
/// Build it with struct syntax or the chainable setters:
///
/// ```
/// let pdf = kp_documents::PdfSpec::new("Beitragsrechnung 2025")
///     .header("Maklerbüro Beispiel GmbH · Hauptstraße 1 · 12345 Musterstadt")
///     .row("Versicherungsnehmer", "Erika Müller")
///     .paragraph("Sehr geehrte Frau Müller, …")
///     .page_label("Seite {page} von {pages}")
///     .render();
/// assert!(pdf.starts_with(b"%PDF"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PdfSpec {
    /// Large heading on the first page; also the document title in the
    /// PDF metadata.
    pub title: String,
    /// Small line at the top of every page, e.g. the broker's name and
    /// address. Empty for none.
    pub header: String,
    /// Muted line below the title. Empty for none.
    pub subtitle: String,
    /// Label/value pairs shown as a two-column block below the title.
    pub rows: Vec<(String, String)>,
    /// Body paragraphs; a `\n` inside a paragraph forces a line break.
    pub paragraphs: Vec<String>,
    /// Headed blocks after the paragraphs, e.g. the objects and contacts
    /// of a contract master sheet.
    pub sections: Vec<Section>,
    /// Small text at the bottom of every page. Empty for none.
    pub footer: String,
    /// A4 on its side, for wide tables.
    pub landscape: bool,
    /// Logo at the top left of every page (the broker's), scaled to fit
    /// the header band with its proportions kept.
    pub left_logo: Option<Image>,
    /// Logo at the top right of every page (the customer organization's).
    pub right_logo: Option<Image>,
    /// Template for the page label at the bottom right; `{page}` and
    /// `{pages}` are replaced by the page number and page count. `None`
    /// prints no page labels.
    pub page_label: Option<String>,
    /// Author in the PDF metadata.
    pub author: Option<String>,
    /// Creating application in the PDF metadata.
    pub creator: Option<String>,
    /// Creation date in the PDF metadata. Left out when `None`, which keeps
    /// the output byte-for-byte reproducible.
    pub created: Option<DateTime<Utc>>,
    /// Natural language of the text (BCP 47, e.g. `de-DE`), used by screen
    /// readers.
    pub lang: Option<String>,
}

/// A block with a bold heading, its own label/value rows, paragraphs and
/// a table, in that order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub heading: String,
    pub rows: Vec<(String, String)>,
    pub paragraphs: Vec<String>,
    pub table: Option<Table>,
}

/// Rows under column headings; the headings are repeated on every page
/// the table continues on, and cells too wide for their column wrap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<TableColumn>,
    /// One cell per column; missing cells are empty.
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableColumn {
    pub heading: String,
    /// Right-aligned (amounts).
    pub numeric: bool,
}

impl TableColumn {
    pub fn text(heading: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            numeric: false,
        }
    }

    pub fn numeric(heading: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            numeric: true,
        }
    }
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Self {
        Self {
            heading: heading.into(),
            ..Self::default()
        }
    }

    pub fn row(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.rows.push((label.into(), value.into()));
        self
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.paragraphs.push(text.into());
        self
    }

    pub fn table(mut self, table: Table) -> Self {
        self.table = Some(table);
        self
    }
}

impl Default for PdfSpec {
    fn default() -> Self {
        Self {
            title: String::new(),
            header: String::new(),
            subtitle: String::new(),
            rows: Vec::new(),
            paragraphs: Vec::new(),
            sections: Vec::new(),
            footer: String::new(),
            landscape: false,
            left_logo: None,
            right_logo: None,
            page_label: Some(DEFAULT_PAGE_LABEL.to_owned()),
            author: None,
            creator: None,
            created: None,
            lang: None,
        }
    }
}

impl PdfSpec {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    pub fn header(mut self, header: impl Into<String>) -> Self {
        self.header = header.into();
        self
    }

    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.subtitle = subtitle.into();
        self
    }

    pub fn row(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.rows.push((label.into(), value.into()));
        self
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.paragraphs.push(text.into());
        self
    }

    pub fn section(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = footer.into();
        self
    }

    pub fn landscape(mut self) -> Self {
        self.landscape = true;
        self
    }

    pub fn left_logo(mut self, logo: Image) -> Self {
        self.left_logo = Some(logo);
        self
    }

    pub fn right_logo(mut self, logo: Image) -> Self {
        self.right_logo = Some(logo);
        self
    }

    /// See [`PdfSpec::page_label`](struct.PdfSpec.html#structfield.page_label).
    pub fn page_label(mut self, template: impl Into<String>) -> Self {
        self.page_label = Some(template.into());
        self
    }

    pub fn without_page_label(mut self) -> Self {
        self.page_label = None;
        self
    }

    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    pub fn creator(mut self, creator: impl Into<String>) -> Self {
        self.creator = Some(creator.into());
        self
    }

    pub fn created(mut self, created: DateTime<Utc>) -> Self {
        self.created = Some(created);
        self
    }

    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Shorthand for [`render`].
    pub fn render(&self) -> Vec<u8> {
        render(self)
    }
}
