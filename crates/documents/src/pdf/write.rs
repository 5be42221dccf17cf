//! The PDF objects: catalog, page tree, the two fonts, the pages with
//! their content streams, the logos and the document information.

use chrono::{DateTime, Datelike, Timelike, Utc};
use pdf_writer::{Date, Filter, Name, Pdf, Rect, Ref, TextStr};

use super::PdfSpec;
use super::metrics::Face;
use super::pages::Format;

pub(super) fn pdf(spec: &PdfSpec, contents: Vec<pdf_writer::Content>) -> Vec<u8> {
    let format = Format::a4(spec.landscape);
    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let regular_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let first_page = 6;
    let page_ids: Vec<Ref> = (0..contents.len())
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();

    let logos: Vec<(Name<'static>, &super::Image, Ref, Ref)> = [
        (Name(b"Im1"), spec.left_logo.as_ref()),
        (Name(b"Im2"), spec.right_logo.as_ref()),
    ]
    .into_iter()
    .filter_map(|(name, image)| image.map(|i| (name, i)))
    .enumerate()
    .map(|(i, (name, image))| {
        let id = first_page + 2 * (page_ids.len() + 2 * i) as i32;
        (name, image, Ref::new(id), Ref::new(id + 1))
    })
    .collect();

    // Long tables make long streams; deflate shrinks text about tenfold.
    let streams: Vec<_> = contents
        .into_iter()
        .map(|c| miniz_oxide::deflate::compress_to_vec_zlib(&c.finish(), 6))
        .collect();
    let mut pdf = Pdf::with_capacity(4096 + streams.iter().map(|s| s.len()).sum::<usize>());

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id);
    if let Some(lang) = &spec.lang {
        catalog.lang(TextStr(lang));
    }
    // Viewers then show the title instead of the file name.
    catalog.viewer_preferences().display_doc_title(true);
    drop(catalog);

    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);

    for (face, id) in [(Face::Regular, regular_id), (Face::Bold, bold_id)] {
        pdf.type1_font(id)
            .base_font(face.base_font())
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    for (page_id, stream) in page_ids.iter().zip(&streams) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, format.width, format.height));
        page.parent(tree_id);
        page.contents(content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Face::Regular.resource(), regular_id);
        fonts.pair(Face::Bold.resource(), bold_id);
        drop(fonts);
        if !logos.is_empty() {
            let mut objects = resources.x_objects();
            for (name, _, id, _) in &logos {
                objects.pair(*name, *id);
            }
        }
        drop(resources);
        drop(page);
        pdf.stream(content_id, stream).filter(Filter::FlateDecode);
    }

    for (_, image, id, mask_id) in &logos {
        image.write(&mut pdf, *id, *mask_id);
    }

    let mut info = pdf.document_info(info_id);
    if !spec.title.is_empty() {
        info.title(TextStr(&spec.title));
    }
    if let Some(author) = &spec.author {
        info.author(TextStr(author));
    }
    if let Some(creator) = &spec.creator {
        info.creator(TextStr(creator));
    }
    if let Some(created) = spec.created {
        info.creation_date(pdf_date(created));
    }
    drop(info);

    pdf.finish()
}

fn pdf_date(at: DateTime<Utc>) -> Date {
    // Years beyond 9999 cannot be written in a PDF date; clamp rather than
    // wrap around.
    let year = u16::try_from(at.year().clamp(0, 9999)).unwrap_or(9999);
    Date::new(year)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second().min(59) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}
