//! A small PNG decoder for logos: every colour type and bit depth of the
//! PNG specification except interlaced files, decoded to 8-bit gray or RGB
//! samples and an optional 8-bit alpha channel, which is what a PDF image
//! and its soft mask take. Inflating is miniz_oxide's; the chunk reading
//! and the five row filters are here, because the `png` crate would bring
//! five crates for what fits in one file.

use super::image::ImageError;

/// Larger logos are refused before inflating, so a small file cannot
/// expand into gigabytes.
pub(crate) const MAX_SIDE: u32 = 8192;
pub(crate) const MAX_PIXELS: u64 = 8 * 1024 * 1024;

/// Decoded samples: `channels` (1 gray, 3 RGB) bytes per pixel, row by
/// row, and one alpha byte per pixel where the image has transparency.
pub(crate) struct Decoded {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub samples: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

struct Header {
    width: u32,
    height: u32,
    depth: u8,
    colour: u8,
}

impl Header {
    /// Samples per pixel as stored.
    fn stored_channels(&self) -> usize {
        match self.colour {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }

    fn row_bytes(&self) -> usize {
        (self.width as usize * self.stored_channels() * usize::from(self.depth)).div_ceil(8)
    }
}

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let mut rest = bytes
        .strip_prefix(SIGNATURE)
        .ok_or(ImageError::Unsupported("not a PNG file"))?;
    let mut header = None;
    let mut palette: &[u8] = &[];
    let mut transparency: &[u8] = &[];
    let mut data = Vec::new();
    while rest.len() >= 12 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        let body = rest
            .get(8..8 + len)
            .ok_or(ImageError::Corrupt("truncated chunk"))?;
        // The CRC is not checked: a damaged stream fails the inflate's
        // Adler-32 check, and other chunks are only read for their values.
        rest = rest.get(12 + len..).unwrap_or_default();
        match kind {
            b"IHDR" => header = Some(read_header(body)?),
            b"PLTE" => palette = body,
            b"tRNS" => transparency = body,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
    }
    let header = header.ok_or(ImageError::Corrupt("no IHDR chunk"))?;
    if header.colour == 3 && (palette.is_empty() || !palette.len().is_multiple_of(3)) {
        return Err(ImageError::Corrupt("palette image without a valid palette"));
    }
    let row_bytes = header.row_bytes();
    let expected = (row_bytes + 1) * header.height as usize;
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, expected)
        .map_err(|_| ImageError::Corrupt("image data does not inflate"))?;
    if raw.len() != expected {
        return Err(ImageError::Corrupt("image data has the wrong length"));
    }
    let rows = unfilter(&header, &raw)?;
    Ok(to_samples(&header, &rows, palette, transparency))
}

fn read_header(body: &[u8]) -> Result<Header, ImageError> {
    let [
        w0,
        w1,
        w2,
        w3,
        h0,
        h1,
        h2,
        h3,
        depth,
        colour,
        compression,
        filter,
        interlace,
    ] = body
    else {
        return Err(ImageError::Corrupt("IHDR has the wrong length"));
    };
    let header = Header {
        width: u32::from_be_bytes([*w0, *w1, *w2, *w3]),
        height: u32::from_be_bytes([*h0, *h1, *h2, *h3]),
        depth: *depth,
        colour: *colour,
    };
    let valid_depth = match header.colour {
        0 => matches!(header.depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(header.depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(header.depth, 8 | 16),
        _ => false,
    };
    if !valid_depth || *compression != 0 || *filter != 0 {
        return Err(ImageError::Corrupt("invalid colour type or bit depth"));
    }
    if *interlace != 0 {
        return Err(ImageError::Unsupported("interlaced PNG"));
    }
    if header.width == 0 || header.height == 0 {
        return Err(ImageError::Corrupt("empty image"));
    }
    if header.width > MAX_SIDE
        || header.height > MAX_SIDE
        || u64::from(header.width) * u64::from(header.height) > MAX_PIXELS
    {
        return Err(ImageError::Unsupported("image too large"));
    }
    Ok(header)
}

/// Undoes the per-row filters (None, Sub, Up, Average, Paeth).
fn unfilter(header: &Header, raw: &[u8]) -> Result<Vec<u8>, ImageError> {
    let row_bytes = header.row_bytes();
    // Filters work on whole bytes: the distance to the "left" byte.
    let bpp = (header.stored_channels() * usize::from(header.depth)).div_ceil(8);
    let mut out = vec![0u8; row_bytes * header.height as usize];
    for (y, line) in raw.chunks_exact(row_bytes + 1).enumerate() {
        let (filter, line) = (line[0], &line[1..]);
        let (done, current) = out.split_at_mut(y * row_bytes);
        let previous = done
            .get(done.len().saturating_sub(row_bytes)..)
            .filter(|_| y > 0);
        let current = &mut current[..row_bytes];
        for i in 0..row_bytes {
            let left = if i >= bpp { current[i - bpp] } else { 0 };
            let up = previous.map_or(0, |p| p[i]);
            let up_left = match previous {
                Some(p) if i >= bpp => p[i - bpp],
                _ => 0,
            };
            let predicted = match filter {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => return Err(ImageError::Corrupt("unknown row filter")),
            };
            current[i] = line[i].wrapping_add(predicted);
        }
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Sample `index` of a row at the image's bit depth, as stored (16-bit
/// samples give their high byte).
fn sample(row: &[u8], index: usize, depth: u8) -> u8 {
    match depth {
        8 => row[index],
        16 => row[index * 2],
        _ => {
            let per_byte = 8 / usize::from(depth);
            let byte = row[index / per_byte];
            let shift = 8 - usize::from(depth) * (index % per_byte + 1);
            (byte >> shift) & ((1u8 << depth) - 1)
        }
    }
}

fn to_samples(header: &Header, rows: &[u8], palette: &[u8], transparency: &[u8]) -> Decoded {
    let (width, height) = (header.width as usize, header.height as usize);
    let channels: u8 = if matches!(header.colour, 2 | 3 | 6) {
        3
    } else {
        1
    };
    let mut samples = Vec::with_capacity(width * height * usize::from(channels));
    let mut alpha = Vec::with_capacity(width * height);
    let stored = header.stored_channels();
    // Gray below 8 bits is scaled up to the full range.
    let scale = |v: u8| match header.depth {
        1 => v * 255,
        2 => v * 85,
        4 => v * 17,
        _ => v,
    };
    // A tRNS chunk of a gray or RGB image names one transparent colour
    // (as 16-bit values, compared here at the sample depth).
    let key: Option<Vec<u8>> = match header.colour {
        0 | 2 if !transparency.is_empty() => Some(
            transparency
                .chunks_exact(2)
                .map(|v| if header.depth == 16 { v[0] } else { v[1] })
                .collect(),
        ),
        _ => None,
    };
    for row in rows.chunks_exact(header.row_bytes()) {
        for x in 0..width {
            let mut raw = [0u8; 4];
            for (c, value) in raw.iter_mut().enumerate().take(stored) {
                *value = sample(row, x * stored + c, header.depth);
            }
            let raw = &raw[..stored];
            match header.colour {
                3 => {
                    let i = usize::from(raw[0]);
                    let rgb = palette.get(i * 3..i * 3 + 3).unwrap_or(&[0, 0, 0]);
                    samples.extend_from_slice(rgb);
                    alpha.push(transparency.get(i).copied().unwrap_or(255));
                }
                0 | 2 => {
                    let transparent = key.as_deref() == Some(raw);
                    samples.extend(raw.iter().map(|v| scale(*v)));
                    alpha.push(if transparent { 0 } else { 255 });
                }
                4 => {
                    samples.push(raw[0]);
                    alpha.push(raw[1]);
                }
                _ => {
                    samples.extend_from_slice(&raw[..3]);
                    alpha.push(raw[3]);
                }
            }
        }
    }
    let opaque = alpha.iter().all(|a| *a == 255);
    Decoded {
        width: header.width,
        height: header.height,
        channels,
        samples,
        alpha: (!opaque).then_some(alpha),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `filter` to `row` as an encoder would.
    fn filtered(filter: u8, row: &[u8], previous: &[u8], bpp: usize) -> Vec<u8> {
        let mut out = vec![filter];
        for i in 0..row.len() {
            let left = if i >= bpp { row[i - bpp] } else { 0 };
            let up = previous[i];
            let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                _ => paeth(left, up, up_left),
            };
            out.push(row[i].wrapping_sub(predicted));
        }
        out
    }

    #[test]
    fn every_row_filter_is_undone() {
        let header = Header {
            width: 4,
            height: 5,
            depth: 8,
            colour: 2,
        };
        let rows: Vec<Vec<u8>> = (0..5u8)
            .map(|y| {
                (0..12u8)
                    .map(|x| x.wrapping_mul(37) ^ y.wrapping_mul(91))
                    .collect()
            })
            .collect();
        let mut raw = Vec::new();
        let zero = vec![0; 12];
        for (y, row) in rows.iter().enumerate() {
            let previous = if y == 0 { &zero } else { &rows[y - 1] };
            raw.extend(filtered(y as u8, row, previous, 3));
        }
        assert_eq!(unfilter(&header, &raw).unwrap(), rows.concat());
        raw[0] = 9;
        assert!(unfilter(&header, &raw).is_err());
    }

    #[test]
    fn low_bit_depths_are_scaled_and_gray_alpha_split() {
        let gray = Header {
            width: 4,
            height: 1,
            depth: 2,
            colour: 0,
        };
        let decoded = to_samples(&gray, &[0b0001_1011], &[], &[]);
        assert_eq!(decoded.samples, vec![0, 85, 170, 255]);
        assert!(decoded.alpha.is_none());
        let gray_alpha = Header {
            width: 2,
            height: 1,
            depth: 8,
            colour: 4,
        };
        let decoded = to_samples(&gray_alpha, &[10, 255, 20, 0], &[], &[]);
        assert_eq!(decoded.samples, vec![10, 20]);
        assert_eq!(decoded.alpha, Some(vec![255, 0]));
    }
}
