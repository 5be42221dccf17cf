use kp_documents::{BlobStore, DocumentError, key_for_sha256, sha256_hex};

fn store() -> (tempfile::TempDir, BlobStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::local(dir.path().join("documents"));
    (dir, store)
}

/// Every file below `dir`, relative, sorted.
fn files(dir: &std::path::Path) -> Vec<String> {
    fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(
                    path.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[tokio::test]
async fn round_trip() {
    let (_dir, store) = store();
    let key = "2025/03/rechnung-42.pdf";
    assert!(!store.exists(key).await.unwrap());
    store.put(key, b"first").await.unwrap();
    assert!(store.exists(key).await.unwrap());
    assert_eq!(store.get(key).await.unwrap(), b"first");

    store.put(key, b"second, longer").await.unwrap();
    assert_eq!(store.get(key).await.unwrap(), b"second, longer");

    assert!(store.delete(key).await.unwrap());
    assert!(!store.delete(key).await.unwrap());
    assert!(!store.exists(key).await.unwrap());
    assert!(matches!(
        store.get(key).await,
        Err(DocumentError::NotFound(_))
    ));
}

#[tokio::test]
async fn put_leaves_no_temporary_files() {
    let (dir, store) = store();
    store.put("a/b/c.pdf", b"x").await.unwrap();
    store.put("a/b/c.pdf", b"y").await.unwrap();
    let written = store
        .put_stream("a/d.bin", &b"streamed bytes"[..])
        .await
        .unwrap();
    assert_eq!(written, 14);
    assert_eq!(store.get("a/d.bin").await.unwrap(), b"streamed bytes");
    // A failed put (the target is a directory) must clean up after itself.
    let failed = store.put("a/b", b"z").await;
    assert!(
        matches!(failed, Err(DocumentError::Io { .. })),
        "{failed:?}"
    );
    assert_eq!(
        files(&dir.path().join("documents")),
        ["a/b/c.pdf", "a/d.bin"]
    );
}

#[tokio::test]
async fn concurrent_puts_to_one_key_never_expose_partial_data() {
    let (_dir, store) = store();
    let a = vec![b'a'; 256 * 1024];
    let b = vec![b'b'; 256 * 1024];
    let key = "race/blob";
    let (ra, rb) = tokio::join!(store.put(key, &a), store.put(key, &b));
    ra.unwrap();
    rb.unwrap();
    let got = store.get(key).await.unwrap();
    assert!(got == a || got == b, "blob is a mix of both writes");
}

#[tokio::test]
async fn refuses_keys_that_escape_the_root() {
    let (dir, store) = store();
    let outside = dir.path().join("x");
    for key in ["../x", "/etc/passwd", "", "a/../../x", "A.pdf", "a//b"] {
        for result in [
            store.put(key, b"evil").await.err(),
            store.get(key).await.err(),
            store.exists(key).await.err(),
            store.delete(key).await.err(),
        ] {
            assert!(
                matches!(result, Some(DocumentError::InvalidKey { .. })),
                "{key:?}: {result:?}"
            );
        }
    }
    assert!(!outside.exists());
}

#[tokio::test]
async fn content_addressed_put() {
    let (_dir, store) = store();
    let bytes = b"%PDF-1.7 fake";
    let key = store.put_content(bytes).await.unwrap();
    let digest = sha256_hex(bytes);
    assert_eq!(key, key_for_sha256(&digest).unwrap());
    assert_eq!(key, format!("{}/{}/{digest}", &digest[..2], &digest[2..4]));
    assert_eq!(store.put_content(bytes).await.unwrap(), key);
    assert_eq!(store.get(&key).await.unwrap(), bytes);
}

#[tokio::test]
async fn open_reads_without_loading_and_knows_the_length() {
    use tokio::io::AsyncReadExt;
    let (_dir, store) = store();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let key = store.put_content(&bytes).await.unwrap();
    let mut blob = store.open(&key).await.unwrap();
    assert_eq!(blob.len, bytes.len() as u64);
    let mut read = Vec::new();
    blob.reader.read_to_end(&mut read).await.unwrap();
    assert_eq!(read, bytes);
    assert!(matches!(
        store.open("no/such/blob").await,
        Err(DocumentError::NotFound(_))
    ));
    assert!(matches!(
        store.open("../escape").await,
        Err(DocumentError::InvalidKey { .. })
    ));
}
