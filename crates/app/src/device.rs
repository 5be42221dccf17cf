//! A short description of a browser from its `User-Agent`, so a user can
//! tell their sessions apart ("Firefox on Windows"). Only the well-known
//! browsers and systems are named; the names are product names and need no
//! translation, the sentence around them is the web layer's.

/// Browser and operating system, where recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub os: Option<&'static str>,
}

/// Order matters: Edge and Opera also name Chrome, Chrome names Safari.
const BROWSERS: &[(&str, &str)] = &[
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
];

/// Android names Linux, iOS names Mac OS X, ChromeOS names Linux too.
const SYSTEMS: &[(&str, &str)] = &[
    ("Windows", "Windows"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
];

pub fn describe(user_agent: &str) -> Device {
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(marker, _)| user_agent.contains(marker))
            .map(|(_, name)| *name)
    };
    Device {
        browser: find(BROWSERS),
        os: find(SYSTEMS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(ua: &str) -> (Option<&str>, Option<&str>) {
        let d = describe(ua);
        (d.browser, d.os)
    }

    #[test]
    fn common_browsers_are_named() {
        assert_eq!(
            both(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
            ),
            (Some("Firefox"), Some("Windows"))
        );
        assert_eq!(
            both(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.0.0"
            ),
            (Some("Edge"), Some("Windows"))
        );
        assert_eq!(
            both(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15"
            ),
            (Some("Safari"), Some("macOS"))
        );
        assert_eq!(
            both(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
            ),
            (Some("Safari"), Some("iOS"))
        );
        assert_eq!(
            both(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36"
            ),
            (Some("Chrome"), Some("Android"))
        );
        assert_eq!(both(""), (None, None));
        assert_eq!(both("something odd"), (None, None));
    }
}
