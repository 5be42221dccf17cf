//! Logos for the page header: PNG (decoded, with transparency as a soft
//! mask) and JPEG (passed through as DCTDecode, which every PDF reader
//! decodes itself). An image is checked when it is made, so rendering
//! never fails on one; a caller drops what [`Image::decode`] refuses.

use pdf_writer::{Filter, Pdf, Ref};

use super::png;

/// Why an image cannot be embedded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("unsupported image: {0}")]
    Unsupported(&'static str),
    #[error("damaged image: {0}")]
    Corrupt(&'static str),
}

/// A checked image, ready to be written into a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    width: u32,
    height: u32,
    data: Data,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Data {
    /// The JPEG file as it is; `components` 1 (gray), 3 (RGB) or 4 (CMYK).
    Jpeg {
        bytes: Vec<u8>,
        components: u8,
        /// Adobe's CMYK JPEGs store inverted values.
        inverted: bool,
    },
    /// zlib-compressed 8-bit samples (1 or 3 channels) and alpha.
    Flate {
        channels: u8,
        samples: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

impl Image {
    /// Checks and prepares a PNG or JPEG file (told apart by its first
    /// bytes).
    pub fn decode(bytes: &[u8]) -> Result<Image, ImageError> {
        if bytes.starts_with(b"\x89PNG") {
            let decoded = png::decode(bytes)?;
            let compress = |raw: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(raw, 6);
            Ok(Image {
                width: decoded.width,
                height: decoded.height,
                data: Data::Flate {
                    channels: decoded.channels,
                    samples: compress(&decoded.samples),
                    alpha: decoded.alpha.as_deref().map(compress),
                },
            })
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else {
            Err(ImageError::Unsupported("neither PNG nor JPEG"))
        }
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Writes the image (and its soft mask) as objects `id` and `mask_id`.
    pub(crate) fn write(&self, pdf: &mut Pdf, id: Ref, mask_id: Ref) {
        let (width, height) = (dimension(self.width), dimension(self.height));
        match &self.data {
            Data::Jpeg {
                bytes,
                components,
                inverted,
            } => {
                let mut image = pdf.image_xobject(id, bytes);
                image.filter(Filter::DctDecode);
                image.width(width).height(height).bits_per_component(8);
                match components {
                    1 => image.color_space().device_gray(),
                    3 => image.color_space().device_rgb(),
                    _ => image.color_space().device_cmyk(),
                };
                if *inverted {
                    image.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
                }
            }
            Data::Flate {
                channels,
                samples,
                alpha,
            } => {
                let mut image = pdf.image_xobject(id, samples);
                image.filter(Filter::FlateDecode);
                image.width(width).height(height).bits_per_component(8);
                if *channels == 1 {
                    image.color_space().device_gray();
                } else {
                    image.color_space().device_rgb();
                }
                if alpha.is_some() {
                    image.s_mask(mask_id);
                }
                drop(image);
                if let Some(alpha) = alpha {
                    let mut mask = pdf.image_xobject(mask_id, alpha);
                    mask.filter(Filter::FlateDecode);
                    mask.width(width).height(height).bits_per_component(8);
                    mask.color_space().device_gray();
                }
            }
        }
    }

    /// The largest size that fits `max_width` × `max_height` with the
    /// image's proportions, never enlarged beyond 1 px per point.
    pub(crate) fn fit(&self, max_width: f32, max_height: f32) -> (f32, f32) {
        let (w, h) = (self.width as f32, self.height as f32);
        let scale = (max_width / w).min(max_height / h).min(1.0);
        (w * scale, h * scale)
    }
}

/// Sides are at most [`png::MAX_SIDE`] resp. a JPEG's 16 bits.
fn dimension(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Reads a JPEG's frame header for its size and components; the data is
/// left to the PDF reader.
fn jpeg(bytes: &[u8]) -> Result<Image, ImageError> {
    let mut at = 2;
    let mut adobe = false;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(ImageError::Corrupt("JPEG without a frame header"));
        };
        at += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        if marker == 0xD9 || marker == 0xDA {
            return Err(ImageError::Corrupt("JPEG without a frame header"));
        }
        let len = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(a), Some(b)) => usize::from(u16::from_be_bytes([*a, *b])),
            _ => return Err(ImageError::Corrupt("truncated JPEG")),
        };
        let segment = bytes
            .get(at + 2..at + len)
            .filter(|_| len >= 2)
            .ok_or(ImageError::Corrupt("truncated JPEG"))?;
        if marker == 0xEE && segment.starts_with(b"Adobe") {
            adobe = true;
        }
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            // Arithmetic coding (C9–CB, CD–CF) is rarely read by viewers.
            if marker >= 0xC9 {
                return Err(ImageError::Unsupported("arithmetic-coded JPEG"));
            }
            let [precision, h0, h1, w0, w1, components, ..] = segment else {
                return Err(ImageError::Corrupt("truncated JPEG frame header"));
            };
            let height = u32::from(u16::from_be_bytes([*h0, *h1]));
            let width = u32::from(u16::from_be_bytes([*w0, *w1]));
            if *precision != 8 || !matches!(components, 1 | 3 | 4) {
                return Err(ImageError::Unsupported("JPEG precision or components"));
            }
            if width == 0 || height == 0 {
                return Err(ImageError::Unsupported("JPEG without its height"));
            }
            return Ok(Image {
                width,
                height,
                data: Data::Jpeg {
                    bytes: bytes.to_vec(),
                    components: *components,
                    inverted: *components == 4 && adobe,
                },
            });
        }
        at += len;
    }
}
