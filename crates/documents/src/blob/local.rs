//! The file-system backend of the blob store.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::fs::{self, File, OpenOptions};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use super::crypt::{self, BlobKey, OpenReader, Sealer};
use super::{BlobReader, validate_key};
use crate::DocumentError;

/// Distinguishes temporary files of concurrent writers in one process; the
/// process id covers other processes sharing the directory.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Blobs stored as files below a root directory; the key is the relative
/// path. With a key every file is sealed (see [`super::crypt`]).
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
    key: Option<BlobKey>,
}

impl LocalStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            key: None,
        }
    }

    pub fn with_key(mut self, key: BlobKey) -> Self {
        self.key = Some(key);
        self
    }

    pub fn key(&self) -> Option<&BlobKey> {
        self.key.as_ref()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn corrupt(key: &str, e: crypt::CryptError) -> DocumentError {
        DocumentError::Corrupt {
            key: key.to_owned(),
            reason: e.reason(),
        }
    }

    /// Only validated keys reach the file system, which is what keeps
    /// `../` and absolute paths out.
    fn path_for(&self, key: &str) -> Result<PathBuf, DocumentError> {
        validate_key(key)?;
        Ok(self.root.join(key))
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), DocumentError> {
        let path = self.path_for(key)?;
        let temp = TempFile::create(&path)
            .await
            .map_err(|e| DocumentError::io(key, e))?;
        let sealed;
        let bytes = match &self.key {
            Some(k) => {
                sealed = crypt::seal_all(k, bytes).map_err(|e| Self::corrupt(key, e))?;
                &sealed[..]
            }
            None => bytes,
        };
        let result = async {
            let mut file = temp.file().await?;
            file.write_all(bytes).await?;
            file.sync_all().await
        }
        .await;
        temp.commit(result, &path)
            .await
            .map_err(|e| DocumentError::io(key, e))
    }

    pub async fn put_stream<R>(&self, key: &str, mut reader: R) -> Result<u64, DocumentError>
    where
        R: AsyncRead + Unpin + Send,
    {
        let path = self.path_for(key)?;
        let temp = TempFile::create(&path)
            .await
            .map_err(|e| DocumentError::io(key, e))?;
        let mut written = 0;
        let result = async {
            let mut file = temp.file().await?;
            match &self.key {
                Some(k) => written = copy_sealed(k, &mut reader, &mut file).await?,
                None => written = tokio::io::copy(&mut reader, &mut file).await?,
            }
            file.sync_all().await
        }
        .await;
        temp.commit(result, &path)
            .await
            .map_err(|e| DocumentError::io(key, e))?;
        Ok(written)
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, DocumentError> {
        let path = self.path_for(key)?;
        let bytes = fs::read(&path).await.map_err(|e| match e.kind() {
            ErrorKind::NotFound => DocumentError::NotFound(key.to_owned()),
            _ => DocumentError::io(key, e),
        })?;
        match &self.key {
            Some(k) => crypt::open_all(k, &bytes).map_err(|e| Self::corrupt(key, e)),
            None => Ok(bytes),
        }
    }

    /// The blob's plaintext as a reader with its length.
    pub async fn open(&self, key: &str) -> Result<BlobReader, DocumentError> {
        let (file, len) = self.open_file(key).await?;
        Ok(match &self.key {
            Some(k) => {
                let (reader, len) = OpenReader::new(k, file, len)
                    .await
                    .map_err(|e| Self::corrupt(key, e))?;
                BlobReader {
                    len,
                    reader: Box::pin(reader),
                }
            }
            None => BlobReader {
                len,
                reader: Box::pin(file),
            },
        })
    }

    async fn open_file(&self, key: &str) -> Result<(File, u64), DocumentError> {
        let path = self.path_for(key)?;
        let not_found = |e: io::Error| match e.kind() {
            ErrorKind::NotFound => DocumentError::NotFound(key.to_owned()),
            _ => DocumentError::io(key, e),
        };
        let file = File::open(&path).await.map_err(not_found)?;
        // The length of the file opened, not of whatever the key names a
        // moment later: a replacing writer renames a new file into place.
        let meta = file.metadata().await.map_err(not_found)?;
        if !meta.is_file() {
            return Err(DocumentError::NotFound(key.to_owned()));
        }
        Ok((file, meta.len()))
    }

    pub async fn exists(&self, key: &str) -> Result<bool, DocumentError> {
        let path = self.path_for(key)?;
        match fs::metadata(&path).await {
            Ok(meta) => Ok(meta.is_file()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(DocumentError::io(key, e)),
        }
    }

    pub async fn delete(&self, key: &str) -> Result<bool, DocumentError> {
        let path = self.path_for(key)?;
        match fs::remove_file(&path).await {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(DocumentError::io(key, e)),
        }
    }
}

/// Seals everything `reader` yields into `file`; the plaintext length.
async fn copy_sealed<R>(key: &BlobKey, reader: &mut R, file: &mut File) -> io::Result<u64>
where
    R: AsyncRead + Unpin + Send,
{
    let mut sealer = Sealer::new(key).map_err(crypt_io)?;
    file.write_all(sealer.header()).await?;
    let mut buf = vec![0u8; crypt::CHUNK];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        total += n as u64;
        sealer.push(&buf[..n]).map_err(crypt_io)?;
        if !sealer.sealed().is_empty() {
            file.write_all(sealer.sealed()).await?;
            sealer.take_sealed();
        }
    }
    sealer.finish().map_err(crypt_io)?;
    file.write_all(sealer.sealed()).await?;
    Ok(total)
}

fn crypt_io(e: crypt::CryptError) -> io::Error {
    io::Error::new(ErrorKind::InvalidData, e.reason())
}

/// A temporary file next to the final path. Renaming within one directory
/// is atomic, so readers never observe a half-written blob.
struct TempFile {
    path: PathBuf,
    dir: PathBuf,
}

impl TempFile {
    async fn create(target: &Path) -> io::Result<Self> {
        let dir = target
            .parent()
            .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "blob path has no parent"))?
            .to_path_buf();
        fs::create_dir_all(&dir).await?;
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "blob path has no file name"))?
            .to_string_lossy();
        // Upper case and the leading dot cannot occur in valid keys, so a
        // temporary file never shadows or gets listed as a blob.
        let temp_name = format!(
            ".{name}.{}.{}.TMP",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        Ok(Self {
            path: dir.join(temp_name),
            dir,
        })
    }

    async fn file(&self) -> io::Result<File> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&self.path)
            .await
    }

    /// Moves the written file into place, or removes it if writing failed.
    async fn commit(self, written: io::Result<()>, target: &Path) -> io::Result<()> {
        let result = match written {
            Ok(()) => fs::rename(&self.path, target).await,
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            // The original error matters more than a failed clean-up.
            let _ = fs::remove_file(&self.path).await;
            return Err(e);
        }
        sync_dir(&self.dir).await
    }
}

/// Makes the rename itself durable across a crash.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).await?.sync_all().await {
        // Some file systems cannot sync directories; the data is still
        // written, only the rename's durability is up to the OS there.
        Err(e) if e.kind() == ErrorKind::InvalidInput || e.kind() == ErrorKind::Unsupported => {
            Ok(())
        }
        other => other,
    }
}
