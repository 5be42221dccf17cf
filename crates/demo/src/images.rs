//! Small PNG images made in code for the demo's photo documents (claim
//! photos), so that previews of images can be shown without shipping
//! binary files. The PNG is uncompressed (stored deflate blocks): valid,
//! dependency-free and small enough at demo sizes.

use kp_documents::{BlobStore, sha256_hex};

use crate::DemoError;
use crate::pdfs::StoredPdf;

/// An RGB image, `width × height`, the colour of each pixel from `pixel`.
pub fn png(width: u32, height: u32, pixel: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend_from_slice(&pixel(x, y));
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bit, RGB, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A photo-like picture of a damage: a wall in daylight with a dark,
/// frayed stain, varied by `seed`.
pub fn damage_photo(seed: u32) -> Vec<u8> {
    let (w, h) = (240, 160);
    let cx = 70.0 + f64::from(seed % 100);
    let cy = 60.0 + f64::from(seed % 40);
    png(w, h, |x, y| {
        let (fx, fy) = (f64::from(x), f64::from(y));
        let floor = y > 120;
        let base: [f64; 3] = if floor {
            [120.0, 95.0, 70.0]
        } else {
            [222.0 - fy * 0.3, 214.0 - fy * 0.3, 196.0 - fy * 0.2]
        };
        let d = ((fx - cx).powi(2) / 2.0 + (fy - cy).powi(2)).sqrt();
        let fray = ((fx * 0.7).sin() + (fy * 0.9).cos()) * 4.0;
        let stain = ((38.0 + fray - d) / 12.0).clamp(0.0, 1.0) * if floor { 0.3 } else { 0.75 };
        let grain = f64::from((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed) % 9) - 4.0;
        base.map(|c| (c * (1.0 - stain) + 40.0 * stain + grain).clamp(0.0, 255.0) as u8)
    })
}

/// Stores an image (once per distinct content).
pub async fn store(blobs: &BlobStore, bytes: &[u8]) -> Result<StoredPdf, DemoError> {
    Ok(StoredPdf {
        storage_key: blobs.put_content(bytes).await?,
        sha256: sha256_hex(bytes),
        size_bytes: bytes.len() as i64,
    })
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = 65_535;
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(MAX_BLOCK).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_their_references() {
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn a_png_has_its_header_and_size() {
        let bytes = damage_photo(3);
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&bytes[12..16], b"IHDR");
        assert_eq!(&bytes[16..20], &240u32.to_be_bytes());
        assert!(bytes.ends_with(&[0xae, 0x42, 0x60, 0x82]));
    }
}
