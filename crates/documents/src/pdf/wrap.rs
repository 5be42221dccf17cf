//! Greedy line breaking of WinAnsi-encoded text.

use super::metrics::Face;

/// Breaks `text` into lines that fit `max_width` points at `size`.
///
/// Runs of spaces collapse to one and never start or end a line. A word
/// wider than the whole line is cut between characters, because policy
/// numbers and IBANs have no break opportunities but must stay on the page.
/// Empty input yields no lines.
pub(crate) fn wrap(text: &[u8], face: Face, size: f32, max_width: f32) -> Vec<Vec<u8>> {
    // Comparing integer em units avoids float drift across long lines.
    let limit = ((max_width.max(0.0) * 1000.0) / size) as u32;
    let space = face.advance(b' ');

    let mut lines = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut line_units = 0u32;

    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_units = face.units(word);
        if !line.is_empty() && line_units + space + word_units <= limit {
            line.push(b' ');
            line.extend_from_slice(word);
            line_units += space + word_units;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_units <= limit {
            line.extend_from_slice(word);
            line_units = word_units;
            continue;
        }
        line_units = 0;
        for &byte in word {
            let advance = face.advance(byte);
            if !line.is_empty() && line_units + advance > limit {
                lines.push(std::mem::take(&mut line));
                line_units = 0;
            }
            line.push(byte);
            line_units += advance;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: f32) -> Vec<String> {
        wrap(text.as_bytes(), Face::Regular, 10.0, width)
            .into_iter()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect()
    }

    #[test]
    fn breaks_between_words_and_collapses_spaces() {
        // "aaa" is 16.68 pt at 10 pt; two words plus a space need 36.14 pt.
        assert_eq!(wrapped("aaa  aaa aaa", 37.0), ["aaa aaa", "aaa"]);
        assert_eq!(wrapped("aaa aaa", 36.0), ["aaa", "aaa"]);
    }

    #[test]
    fn cuts_overlong_words() {
        assert_eq!(wrapped("aaaaaaa", 17.0), ["aaa", "aaa", "a"]);
    }

    #[test]
    fn no_lines_for_blank_text() {
        assert!(wrapped("   ", 100.0).is_empty());
    }

    #[test]
    fn every_line_fits() {
        let text = "Sehr geehrte Damen und Herren, anbei erhalten Sie die Unterlagen.";
        for line in wrap(text.as_bytes(), Face::Bold, 11.0, 120.0) {
            assert!(Face::Bold.width(&line, 11.0) <= 120.0);
        }
    }
}
