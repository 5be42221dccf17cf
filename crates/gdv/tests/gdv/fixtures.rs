//! Records built field by field for the tests (and the benchmark's shape).

/// A 256-character record under construction; positions are 1-based like the GDV description.
#[derive(Clone)]
pub struct Line(pub Vec<char>);

impl Line {
    /// A record of the given Satzart with the common key of records 0100–0600.
    pub fn keyed(satzart: &str, sparte: &str, policy: &str, td: Option<(usize, char)>) -> Line {
        let mut l = Line::blank(satzart)
            .set(5, "9999 ")
            .set(11, sparte)
            .right(14, 30, policy)
            .set(31, "01")
            .set(33, "9999009999");
        if let Some((pos, n)) = td {
            l = l.set(pos, &n.to_string());
        }
        l
    }

    pub fn blank(satzart: &str) -> Line {
        Line(vec![' '; 256]).set(1, satzart)
    }

    pub fn set(mut self, pos: usize, text: &str) -> Line {
        for (i, c) in text.chars().enumerate() {
            self.0[pos - 1 + i] = c;
        }
        self
    }

    /// Right-aligns `text` in the inclusive range.
    pub fn right(self, start: usize, end: usize, text: &str) -> Line {
        let len = end - start + 1;
        let padded = format!("{text:>len$}");
        self.set(start, &padded)
    }

    pub fn text(&self) -> String {
        self.0.iter().collect()
    }
}

pub fn vorsatz(td: char) -> Line {
    Line::blank("0001")
        .set(5, "9999 ")
        .set(10, "XXX Versicherung AG")
        .set(40, "BRBRIENNEE,JÜRGEN")
        .set(70, "2207200422072004")
        .set(86, "9999009999")
        .set(96, "1.91.91.92.1")
        .set(256, &td.to_string())
}

pub fn partner_td1(policy: &str) -> Line {
    Line::keyed("0100", "030", policy, Some((256, '1')))
        .set(43, "2")
        .set(44, "Kitzelpfütze")
        .set(104, "Martina")
        .set(154, "D  ")
        .set(157, "52222 ")
        .set(163, "Stolberg (Rhld.)")
        .set(188, "Sebeneteriestr. 44")
        .set(226, "11111979")
        .set(234, "D  ")
        .set(237, "01")
        .set(255, "2")
}

pub fn partner_td2(policy: &str) -> Line {
    Line::keyed("0100", "030", policy, Some((256, '2')))
        .set(43, "B4LTTT")
        .set(107, "  1111111111")
        .set(119, "10000000")
        .set(157, "10")
        .set(159, "0221 123456")
        .set(179, "50")
        .set(181, "martina§example.com")
        .set(245, "1")
}

pub fn partner_td4(policy: &str) -> Line {
    Line::keyed("0100", "030", policy, Some((256, '4')))
        .set(73, "Sparkasse Aachen")
        .set(187, "AACSDE33XXX")
        .set(209, "DE12390500001234567890")
}

pub fn contract_td1(policy: &str, premium_cents: u64) -> Line {
    Line::keyed("0200", "030", policy, Some((256, '1')))
        .set(43, "2")
        .set(44, "01052004")
        .set(52, "01052009")
        .set(60, "01052005")
        .set(68, "1")
        .set(69, "1")
        .set(72, "00000000")
        .set(99, "10000")
        .set(113, "EUR")
        .set(116, &format!("{premium_cents:012}"))
        .set(197, "1000")
}

pub fn contract_td2(policy: &str) -> Line {
    Line::keyed("0200", "030", policy, Some((256, '2')))
        .set(72, "000000045000")
        .set(114, "Unfall Komfort")
}

pub fn unfall_0210(policy: &str) -> Line {
    Line::keyed("0210", "030", policy, None)
        .set(43, "1")
        .set(44, "01052004")
        .set(52, "01052009")
        .set(60, "00000000")
        .set(68, "0901")
        .set(93, "EUR")
        .set(120, "000000041141")
}

pub fn unfall_person(policy: &str) -> Vec<Line> {
    vec![
        Line::keyed("0220", "030", policy, None)
            .set(43, "000001")
            .set(49, "1")
            .set(86, "Kitzelpfütze")
            .set(116, "Martina")
            .set(146, "11111979")
            .set(191, "EUR")
            .set(204, "000000041141")
            .set(216, "01052004")
            .set(250, "1"),
        Line::keyed("0220", "030", policy, None)
            .set(43, "000001")
            .set(49, "2")
            .set(50, "000050000")
            .set(250, "2"),
    ]
}

pub fn kfz_0210(policy: &str) -> Vec<Line> {
    vec![
        Line::keyed("0210", "050", policy, Some((256, '1')))
            .set(50, "VW")
            .set(65, "Golf")
            .set(90, "0603")
            .set(94, "ABC")
            .set(97, "WVWZZZ1JZXW000001")
            .set(114, "AC-XY 123")
            .set(126, "15032001")
            .set(149, "EUR")
            .set(152, "000000065432"),
        Line::keyed("0210", "050", policy, Some((256, '2')))
            .set(169, "Kfz Premium")
            .set(195, "01012004"),
    ]
}

pub fn kfz_kh(policy: &str) -> Line {
    Line::keyed("0220", "051", policy, Some((256, '1')))
        .set(43, "01012004")
        .set(51, "00000000")
        .set(102, "SF 12")
        .set(110, "00032105")
}

pub fn hausrat_0210(policy: &str) -> Line {
    Line::keyed("0210", "130", policy, Some((251, '1')))
        .set(43, "1")
        .set(44, "01012020")
        .set(78, "D  ")
        .set(81, "50667 ")
        .set(87, "Köln")
        .set(112, "Domplatz 1")
        .set(142, "EUR")
        .set(169, "000000065000")
        .set(181, "000000012345")
        .set(252, "00001")
}

pub fn collection(policy: &str) -> Vec<Line> {
    vec![
        Line::keyed("0400", "030", policy, Some((256, '1')))
            .set(43, "2")
            .set(46, "01052004")
            .set(54, "01052004")
            .set(62, "30042005")
            .set(70, "1")
            .set(107, "EUR")
            .set(110, "00000034573")
            .set(121, "+")
            .set(122, "00000006568")
            .set(133, "+")
            .set(139, "00000041141")
            .set(150, "+")
            .set(151, "00000004114")
            .set(162, "-"),
        Line::keyed("0400", "030", policy, Some((256, '2')))
            .set(77, "Kitzelpfütze")
            .set(107, "00000041141")
            .set(118, "+"),
    ]
}

pub fn claim(policy: &str) -> Vec<Line> {
    vec![
        Line::keyed("0500", "030", policy, None)
            .right(43, 62, "S-2004-77")
            .set(63, "001")
            .set(66, "1")
            .set(67, "1")
            .set(68, "01082004")
            .set(102, "15072004")
            .set(110, "17072004")
            .set(135, "EUR")
            .set(138, "01")
            .set(140, "0000000150000")
            .set(153, "+")
            .set(154, "0000000002500")
            .set(167, "-")
            .set(184, "0")
            .set(256, "1"),
        Line::keyed("0500", "030", policy, Some((256, '2'))).set(144, "00000000300000"),
    ]
}

pub fn nachsatz(count: u64, premium_cents: u64) -> Line {
    Line::blank("9999")
        .set(5, &format!("{count:010}"))
        .set(15, "9999009999")
        .set(25, &format!("{premium_cents:015}"))
        .set(
            40,
            "00000000041141+00000000004114-00000000150000+00000000002500-",
        )
}

/// A complete package with one contract of every typed kind; `premium_cents` goes into 0200.
pub fn package(policy: &str, premium_cents: u64) -> Vec<Line> {
    let mut body = vec![
        partner_td1(policy),
        partner_td2(policy),
        partner_td4(policy),
        contract_td1(policy, premium_cents),
        contract_td2(policy),
        unfall_0210(policy),
    ];
    body.extend(unfall_person(policy));
    body.extend(kfz_0210(policy));
    body.push(kfz_kh(policy));
    body.push(hausrat_0210(policy));
    body.extend(collection(policy));
    body.extend(claim(policy));
    body.push(Line::keyed("0820", "030", policy, Some((256, '1'))).set(43, "Firmendaten"));
    let mut lines = vec![vorsatz('1')];
    let count = body.len() as u64;
    lines.extend(body);
    lines.push(nachsatz(count, premium_cents));
    lines
}

/// Joins lines with `eol`, encoding each character as Latin-1.
pub fn latin1(lines: &[Line], eol: &str) -> Vec<u8> {
    let text: Vec<String> = lines.iter().map(Line::text).collect();
    gdv::encoding::encode_latin1(&(text.join(eol) + eol))
}
