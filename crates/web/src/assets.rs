//! Static assets compiled into the binary. Each is served under a name that
//! carries a hash of its content (`app.1a2b3c4d.css`), so browsers may cache
//! it for a year and still see a new version immediately.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

pub struct Asset {
    pub bytes: &'static [u8],
    pub content_type: &'static str,
}

pub struct Assets {
    by_hashed_name: HashMap<String, Asset>,
    urls: HashMap<&'static str, String>,
}

const FILES: &[(&str, &[u8], &str)] = &[
    (
        "app.css",
        include_bytes!("../static/app.css"),
        "text/css; charset=utf-8",
    ),
    (
        "high-contrast.css",
        include_bytes!("../static/high-contrast.css"),
        "text/css; charset=utf-8",
    ),
    (
        "logo.svg",
        include_bytes!("../static/logo.svg"),
        "image/svg+xml",
    ),
    (
        "htmx.js",
        include_bytes!("../static/vendor/htmx-2.0.11.min.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "passkeys.js",
        include_bytes!("../static/passkeys.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "upload-progress.js",
        include_bytes!("../static/upload-progress.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "favicon.svg",
        include_bytes!("../static/favicon.svg"),
        "image/svg+xml",
    ),
    // The API reference page (/api/docs): Swagger UI, unchanged from the
    // npm package swagger-ui-dist (docs/supply-chain.md), and its start.
    (
        "swagger-ui.js",
        include_bytes!("../static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "swagger-ui.css",
        include_bytes!("../static/vendor/swagger-ui-5.35.0/swagger-ui.css"),
        "text/css; charset=utf-8",
    ),
    (
        "api-docs.js",
        include_bytes!("../static/api-docs.js"),
        "text/javascript; charset=utf-8",
    ),
];

impl Assets {
    pub fn embedded() -> Assets {
        let mut by_hashed_name = HashMap::new();
        let mut urls = HashMap::new();
        for (name, bytes, content_type) in FILES {
            let hash = hex::encode(&Sha256::digest(bytes)[..6]);
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{name}.{hash}"),
            };
            urls.insert(*name, format!("/static/{hashed}"));
            by_hashed_name.insert(
                hashed,
                Asset {
                    bytes,
                    content_type,
                },
            );
        }
        Assets {
            by_hashed_name,
            urls,
        }
    }

    /// The cache-busting URL of an asset by its plain name.
    pub fn url(&self, name: &str) -> Option<&str> {
        self.urls.get(name).map(String::as_str)
    }

    pub fn get(&self, hashed_name: &str) -> Option<&Asset> {
        self.by_hashed_name.get(hashed_name)
    }
}
