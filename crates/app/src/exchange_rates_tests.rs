use super::*;

#[test]
fn rates_take_a_comma_or_a_point_and_up_to_eight_decimals() {
    assert_eq!(parse_rate_e8("0,9312"), Ok(93_120_000));
    assert_eq!(parse_rate_e8("1.0874"), Ok(108_740_000));
    assert_eq!(parse_rate_e8("25"), Ok(2_500_000_000));
    assert_eq!(parse_rate_e8("0.123456789"), Err("rates-rate-precision"));
    assert_eq!(parse_rate_e8("0"), Err("rates-rate-range"));
    assert_eq!(parse_rate_e8("-1"), Err("rates-rate-invalid"));
    assert_eq!(parse_rate_e8("1e3"), Err("rates-rate-invalid"));
    assert_eq!(parse_rate_e8(""), Err("form-required"));
}

#[test]
fn hidden_fields_and_same_currencies_get_no_converted_amount() {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let mut rates = RateTable::new();
    rates.insert("CHF", day(1, 1), 93_050_000);
    let profile = ProfileCurrency {
        currency: "EUR".into(),
        rates,
        today: day(11, 1),
    };
    let principal = Principal {
        actor: Actor::Portal {
            id: kp_domain::PortalUserId(1),
            organization: Some(kp_domain::OrganizationId(1)),
            customer: None,
        },
        impersonated_by: None,
        name: "X".into(),
        email: "x@example.com".into(),
        language: kp_domain::Language::De,
        scope: kp_domain::Scope::everything(),
        permissions: kp_domain::Permissions::profile(vec![], vec![], vec!["finance.amount".into()]),
    };
    assert_eq!(
        profile.convert_field(&principal, "finance.amount", Some(100), "CHF"),
        None
    );
    let shown = profile
        .convert_field(&principal, "contract.premium", Some(9_305), "CHF")
        .unwrap();
    assert_eq!(
        (shown.minor, shown.rate_date),
        (Some(10_000), Some(day(1, 1)))
    );
    assert_eq!(profile.convert(100, "eur"), None);
    let missing = profile.convert(100, "USD").unwrap();
    assert_eq!((missing.minor, missing.rate_date), (None, None));
}

#[test]
fn a_file_is_all_or_nothing_with_line_numbers() {
    let now = chrono::Utc::now();
    let good = "\u{feff}currency;rate;valid_from\r\nCHF;0,93;2026-11-01\r\nUSD,1.09,01.11.2026\n\n";
    assert_eq!(parse_csv(good.as_bytes(), now).map(|r| r.len()), Ok(2));
    let bad = "CHF;0,93;2026-11-01\nXXX;1;2026-11-01\nUSD;abc;2026-11-01\nGBP;0,85\n";
    let errors = parse_csv(bad.as_bytes(), now).unwrap_err();
    let lines: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key)).collect();
    assert_eq!(
        lines,
        vec![
            (2, "rates-currency-unknown"),
            (3, "rates-rate-invalid"),
            (4, "rates-line-fields")
        ]
    );
    let twice = "CHF;0,93;2026-11-01\nCHF;0,94;2026-11-01\n";
    assert_eq!(parse_csv(twice.as_bytes(), now).unwrap_err()[0].line, 2);
    assert_eq!(parse_csv(b"", now).unwrap_err()[0].key, "rates-file-empty");
}
