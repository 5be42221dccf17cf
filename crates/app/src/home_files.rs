//! The broker logo and welcome video files: checked by their first bytes
//! (never by the name or the type the browser claims), kept in the blob
//! store under their content hash, and opened for serving.
//!
//! SVG logos are refused: an SVG can carry script.

use kp_documents::{BlobReader, DocumentError, sha256_hex};
use kp_domain::Principal;

use crate::home_settings::{self, StoredBlob};
use crate::{App, AppError, FieldError};

pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

fn invalid(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

/// PNG or JPEG by magic bytes.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// MP4 (an `ftyp` box first) or WebM (EBML header) by magic bytes.
pub fn video_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        Some("video/mp4")
    } else if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some("video/webm")
    } else {
        None
    }
}

async fn store(app: &App, bytes: &[u8], media_type: &str) -> Result<StoredBlob, AppError> {
    let key = app
        .blobs
        .put_content(bytes)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(StoredBlob {
        key,
        sha256: sha256_hex(bytes),
        media_type: media_type.to_owned(),
        size: bytes.len() as u64,
    })
}

/// Checks and stores an uploaded logo and makes it the broker's logo;
/// a refused file changes nothing.
pub async fn upload_logo(app: &App, principal: &Principal, bytes: &[u8]) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    if bytes.is_empty() {
        return Err(invalid("logo", "home-settings-file-missing"));
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(invalid("logo", "home-settings-logo-too-large"));
    }
    let media_type = image_type(bytes).ok_or_else(|| invalid("logo", "home-settings-logo-type"))?;
    value.logo = Some(store(app, bytes, media_type).await?);
    value.show_logo = true;
    home_settings::save(app, principal, &value).await
}

/// Checks and stores an uploaded video as the welcome video; `max_bytes`
/// is the configured upload limit (the web layer stops reading beyond it).
pub async fn upload_video(
    app: &App,
    principal: &Principal,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    if bytes.is_empty() {
        return Err(invalid("video", "home-settings-file-missing"));
    }
    if bytes.len() > max_bytes {
        return Err(invalid("video", "home-settings-video-too-large"));
    }
    let media_type =
        video_type(bytes).ok_or_else(|| invalid("video", "home-settings-video-type"))?;
    value.video.file = Some(store(app, bytes, media_type).await?);
    value.video.enabled = true;
    home_settings::save(app, principal, &value).await
}

/// Which of the home page's files to serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeFile {
    BrokerLogo,
    OrganizationLogo,
    Video,
}

/// An opened file with its type and content hash.
pub struct OpenedFile {
    pub media_type: String,
    pub sha256: String,
    pub blob: BlobReader,
}

/// The file as the principal's home page shows it; `NotFound` when it
/// does not show one.
pub async fn open(
    app: &App,
    principal: &Principal,
    which: HomeFile,
) -> Result<OpenedFile, AppError> {
    let value = home_settings::effective(app, principal).await?;
    let stored = match which {
        HomeFile::BrokerLogo => value.logo.filter(|_| value.show_logo),
        HomeFile::Video => value.video.file.filter(|_| value.video.enabled),
        HomeFile::OrganizationLogo => {
            let Some(key) = home_settings::organization_logo(app, principal).await? else {
                return Err(AppError::NotFound);
            };
            return open_logo(app, &key).await;
        }
    };
    let stored = stored.ok_or(AppError::NotFound)?;
    Ok(OpenedFile {
        blob: open_blob(app, &stored.key).await?,
        media_type: stored.media_type,
        sha256: stored.sha256,
    })
}

/// An organization's logo for its page on the staff side (D3/D4):
/// `NotFound` for an organization outside the staff member's tenants
/// (read like its page, [`crate::organizations::get`]) or without a logo.
pub async fn staff_organization_logo(
    app: &App,
    principal: &Principal,
    id: kp_domain::OrganizationId,
) -> Result<OpenedFile, AppError> {
    let row = crate::organizations::get(app, principal, id).await?;
    let key = row.logo_storage_key.ok_or(AppError::NotFound)?;
    open_logo(app, &key).await
}

/// A stored organization logo, its type taken from the stored bytes (the
/// column holds only the key) and its version from the content key.
async fn open_logo(app: &App, key: &str) -> Result<OpenedFile, AppError> {
    let blob = open_blob(app, key).await?;
    let mut head = [0u8; 16];
    let mut reader = blob.reader;
    let n = read_head(&mut reader, &mut head).await?;
    let media_type = image_type(&head[..n]).ok_or(AppError::NotFound)?;
    let blob = open_blob(app, key).await?;
    Ok(OpenedFile {
        media_type: media_type.to_owned(),
        sha256: key.rsplit('/').next().unwrap_or_default().to_owned(),
        blob,
    })
}

async fn read_head(
    reader: &mut std::pin::Pin<Box<dyn tokio::io::AsyncRead + Send>>,
    buf: &mut [u8],
) -> Result<usize, AppError> {
    use tokio::io::AsyncReadExt;
    let mut filled = 0;
    while filled < buf.len() {
        let n = reader
            .read(&mut buf[filled..])
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

async fn open_blob(app: &App, key: &str) -> Result<BlobReader, AppError> {
    app.blobs.open(key).await.map_err(|err| match err {
        DocumentError::NotFound(key) => {
            tracing::error!(%key, "a home page file is missing from the blob store");
            AppError::NotFound
        }
        other => AppError::Internal(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(
            image_type(b"<svg xmlns=\"http://www.w3.org/2000/svg\">"),
            None
        );
        assert_eq!(video_type(b"\0\0\0\x18ftypmp42\0\0"), Some("video/mp4"));
        assert_eq!(video_type(&[0x1A, 0x45, 0xDF, 0xA3, 1]), Some("video/webm"));
        assert_eq!(video_type(b"GIF89a"), None);
    }
}
