//! Word lists the generated parts of the demo data draw from: German
//! names, real towns with matching postal codes and number-plate prefixes,
//! common street names, vehicles and (fictional) banks.

pub const FIRST_NAMES_F: &[&str] = &[
    "Anna", "Julia", "Katrin", "Sandra", "Birgit", "Claudia", "Nicole", "Stefanie", "Monika",
    "Ursula", "Laura", "Lena", "Sophie", "Johanna", "Heike", "Sabine", "Andrea", "Kerstin",
    "Tanja", "Miriam",
];

pub const FIRST_NAMES_M: &[&str] = &[
    "Thomas",
    "Michael",
    "Andreas",
    "Markus",
    "Stefan",
    "Christian",
    "Frank",
    "Jürgen",
    "Klaus",
    "Uwe",
    "Lukas",
    "Jonas",
    "Felix",
    "Tobias",
    "Matthias",
    "Holger",
    "Dirk",
    "Sebastian",
    "Florian",
    "Bernd",
];

pub const LAST_NAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Huber",
    "Mayer",
    "Herrmann",
    "Köhler",
    "Walter",
    "König",
    "Peters",
    "Jansen",
    "Brandt",
    "Vogt",
];

pub const STREETS: &[&str] = &[
    "Hauptstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Gartenstraße",
    "Dorfstraße",
    "Lindenstraße",
    "Kirchstraße",
    "Goethestraße",
    "Schillerstraße",
    "Birkenweg",
    "Ahornweg",
    "Mühlenweg",
    "Rosenstraße",
    "Am Markt",
    "Parkstraße",
    "Waldstraße",
    "Feldstraße",
    "Bergstraße",
    "Friedrichstraße",
    "Uhlandstraße",
];

/// A town: postal code, name, number-plate prefix.
#[derive(Debug, Clone, Copy)]
pub struct Town {
    pub postal_code: &'static str,
    pub city: &'static str,
    pub plate: &'static str,
}

const fn town(postal_code: &'static str, city: &'static str, plate: &'static str) -> Town {
    Town {
        postal_code,
        city,
        plate,
    }
}

/// Towns served by the Hamburg tenant.
pub const TOWNS_NORTH: &[Town] = &[
    town("22085", "Hamburg", "HH"),
    town("22297", "Hamburg", "HH"),
    town("22765", "Hamburg", "HH"),
    town("21029", "Hamburg", "HH"),
    town("21335", "Lüneburg", "LG"),
    town("22846", "Norderstedt", "SE"),
    town("25421", "Pinneberg", "PI"),
    town("23552", "Lübeck", "HL"),
    town("21614", "Buxtehude", "STD"),
    town("28195", "Bremen", "HB"),
    town("24103", "Kiel", "KI"),
];

/// Towns served by the Munich tenant.
pub const TOWNS_SOUTH: &[Town] = &[
    town("80469", "München", "M"),
    town("81369", "München", "M"),
    town("81675", "München", "M"),
    town("86159", "Augsburg", "A"),
    town("85354", "Freising", "FS"),
    town("83022", "Rosenheim", "RO"),
    town("85049", "Ingolstadt", "IN"),
    town("84028", "Landshut", "LA"),
    town("93047", "Regensburg", "R"),
    town("82319", "Starnberg", "STA"),
];

/// Manufacturer, model, world manufacturer identifier (first three VIN
/// characters), new price in euros.
pub const CARS: &[(&str, &str, &str, i64)] = &[
    ("Volkswagen", "Golf 1.5 eTSI", "WVW", 32_000),
    ("Volkswagen", "Passat Variant 2.0 TDI", "WVW", 45_000),
    ("Volkswagen", "ID.4 Pro", "WVG", 48_000),
    ("BMW", "320d Touring", "WBA", 52_000),
    ("Mercedes-Benz", "C 200 T-Modell", "W1K", 55_000),
    ("Audi", "A4 Avant 40 TDI", "WAU", 50_000),
    ("Opel", "Astra Sports Tourer", "W0V", 29_000),
    ("Škoda", "Octavia Combi 2.0 TDI", "TMB", 34_000),
    ("Ford", "Kuga 2.5 PHEV", "WF0", 41_000),
    ("Toyota", "Corolla Touring Sports Hybrid", "SB1", 33_000),
];

/// Vans and trucks for fleets.
pub const COMMERCIAL_VEHICLES: &[(&str, &str, &str, i64)] = &[
    ("Mercedes-Benz", "Sprinter 317 CDI", "W1V", 52_000),
    ("Ford", "Transit Custom 2.0 EcoBlue", "WF0", 42_000),
    ("Volkswagen", "Crafter 35 Kasten", "WV1", 49_000),
    ("MAN", "TGX 18.510 Sattelzugmaschine", "WMA", 135_000),
    ("Mercedes-Benz", "Actros 1845 LS", "WDB", 128_000),
    ("Linde", "H25D Gabelstapler", "LIN", 38_000),
];

/// A bank: name, German bank code (BLZ), BIC. Fictional institutes.
pub const BANKS_NORTH: &[(&str, &str, &str)] = &[
    ("Hansebank Hamburg", "20030700", "HABKDEHHXXX"),
    ("Elbsparkasse", "20050199", "ELSKDEH1XXX"),
    ("Volksbank Alstertal eG", "20069177", "GENODEF1VAT"),
];

pub const BANKS_SOUTH: &[(&str, &str, &str)] = &[
    ("Isarbank München", "70020800", "ISBKDEMMXXX"),
    ("Sparkasse Lechfeld", "72050199", "SKLFDE71XXX"),
    ("Raiffeisenbank Oberland eG", "70169177", "GENODEF1RBO"),
];

/// Letters for the middle part of a number plate; umlauts and the letters
/// German plates avoid (I, O, Q) are left out.
pub const PLATE_LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
