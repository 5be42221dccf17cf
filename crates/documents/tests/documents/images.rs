//! Logos in the page header: PNG (with transparency as a soft mask,
//! palettes, low bit depths) and JPEG (passed through), kept in
//! proportion; images that cannot be embedded are refused up front.

use kp_documents::{Image, ImageError, PdfSpec};

use crate::tools;

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    let mut typed = kind.to_vec();
    typed.extend_from_slice(body);
    out.extend_from_slice(&typed);
    out.extend_from_slice(&crc32(&typed).to_be_bytes());
}

/// A PNG of `rows` (already packed samples, filter byte 0 added here).
pub fn png(
    width: u32,
    height: u32,
    depth: u8,
    colour: u8,
    rows: &[Vec<u8>],
    extra: &[(&[u8; 4], Vec<u8>)],
) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[depth, colour, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    for (kind, body) in extra {
        chunk(&mut out, kind, body);
    }
    let raw: Vec<u8> = rows
        .iter()
        .flat_map(|r| std::iter::once(0).chain(r.iter().copied()))
        .collect();
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn rgba(width: u32, height: u32) -> Vec<u8> {
    let rows: Vec<Vec<u8>> = (0..height)
        .map(|y| {
            (0..width)
                .flat_map(|x| {
                    [
                        (x * 5) as u8,
                        (y * 9) as u8,
                        0x80,
                        if x < width / 2 { 0 } else { 255 },
                    ]
                })
                .collect()
        })
        .collect();
    png(width, height, 8, 6, &rows, &[])
}

/// A baseline JPEG of an 8 × 8 mid-gray block, written out by hand: one
/// quantisation table of ones, one DC and one AC Huffman table with a
/// single one-bit code each, and one block coded as "DC difference 0,
/// end of block".
pub fn jpeg() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    out.extend_from_slice(&[1; 64]);
    out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
    for class in [0x00, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 1]);
        out.extend_from_slice(&[0; 15]);
        out.push(0);
    }
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0, 0x3F]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

fn pdfimages_list(pdf: &[u8]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "pdfimages failed");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect()
}

#[test]
fn png_and_jpeg_logos_are_embedded_in_proportion() {
    let broker = Image::decode(&rgba(400, 100)).unwrap();
    let organization = Image::decode(&jpeg()).unwrap();
    assert_eq!((broker.width(), broker.height()), (400, 100));
    assert_eq!((organization.width(), organization.height()), (8, 8));
    let pdf = PdfSpec::new("Schadenliste")
        .header("Maklerbüro Beispiel GmbH")
        .paragraph("Text unter den Logos.")
        .left_logo(broker)
        .right_logo(organization)
        .render();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Subtype /Image"), "no image XObject");
    assert!(raw.contains("/DCTDecode"));
    assert!(raw.contains("/SMask"));
    if !tools::available("pdfimages", "-v") {
        return;
    }
    let images = pdfimages_list(&pdf);
    // columns: page num type width height color comp bpc enc interp
    // object id x-ppi y-ppi size ratio
    let kinds: Vec<(&str, &str, &str)> = images
        .iter()
        .map(|i| (i[2].as_str(), i[3].as_str(), i[8].as_str()))
        .collect();
    assert!(kinds.contains(&("image", "400", "image")), "{images:?}");
    assert!(kinds.contains(&("smask", "400", "image")), "{images:?}");
    assert!(kinds.contains(&("image", "8", "jpeg")), "{images:?}");
    for image in &images {
        // Equal horizontal and vertical resolution: the proportions kept.
        assert_eq!(image[12], image[13], "{image:?}");
    }
    let text = tools::pdftotext(&pdf, None);
    assert!(text.contains("Text unter den Logos."));
}

#[test]
fn palettes_gray_and_transparent_colours_decode() {
    // 1-bit gray, 4 × 2: alternate pixels.
    let gray = png(4, 2, 1, 0, &[vec![0b1010_0000], vec![0b0101_0000]], &[]);
    assert!(Image::decode(&gray).is_ok());
    // A two-colour palette with index 0 transparent, 2 bits per pixel.
    let palette = png(
        3,
        1,
        2,
        3,
        &[vec![0b0001_0000]],
        &[(b"PLTE", vec![255, 0, 0, 0, 0, 255]), (b"tRNS", vec![0])],
    );
    let image = Image::decode(&palette).unwrap();
    let pdf = PdfSpec::new("Palette").left_logo(image).render();
    assert!(String::from_utf8_lossy(&pdf).contains("/SMask"));
    // 16-bit RGB.
    let deep = png(1, 1, 16, 2, &[vec![0xFF, 0, 0x80, 0, 0, 0]], &[]);
    assert!(Image::decode(&deep).is_ok());
}

#[test]
fn images_that_cannot_be_embedded_are_refused() {
    let unsupported =
        |bytes: &[u8]| matches!(Image::decode(bytes), Err(ImageError::Unsupported(_)));
    let corrupt = |bytes: &[u8]| matches!(Image::decode(bytes), Err(ImageError::Corrupt(_)));
    assert!(unsupported(b"GIF89a..."));
    assert!(unsupported(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    assert!(unsupported(b""));
    let good = rgba(10, 10);
    // Cut off inside the image data.
    assert!(corrupt(&good[..good.len() / 2]));
    // Image data that does not inflate.
    let mut damaged = png(2, 2, 8, 2, &[vec![0; 6], vec![0; 6]], &[]);
    let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap();
    for b in &mut damaged[idat + 4..idat + 10] {
        *b ^= 0x5A;
    }
    assert!(corrupt(&damaged));
    // Interlaced (Adam7) files are not decoded.
    let mut interlaced = png(2, 2, 8, 2, &[vec![0; 6], vec![0; 6]], &[]);
    interlaced[8 + 8 + 12] = 1;
    assert!(unsupported(&interlaced));
    // A header claiming a huge image is refused before inflating.
    let huge = png(60_000, 60_000, 8, 2, &[], &[]);
    assert!(unsupported(&huge));
    // A JPEG without a frame header.
    assert!(corrupt(&[0xFF, 0xD8, 0xFF, 0xD9]));
    // A palette image without its palette.
    assert!(corrupt(&png(1, 1, 8, 3, &[vec![0]], &[])));
}
